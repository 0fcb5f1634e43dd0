namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// One finding of a diagnosis, shaped like the Telnyx WebRTC SDK's <c>{ code, message, source }</c>
/// plus what it does to the verdict and what to do about it. <see cref="Code"/> is stable
/// snake_case: the SDK's own code where it has one (<c>ice_turn_required</c>, <c>network_high_rtt</c>),
/// ours where the SDK cannot see the problem (<c>signaling_blocked</c>, <c>sip_alg_detected</c>).
/// Every code is registered in <see cref="FindingCodes"/>.
/// </summary>
public sealed class Finding
{
    internal Finding(FindingCode code, string message, string remediation, string subject)
    {
        Code = code.Code;
        Effect = code.Effect.ToString();
        Source = code.Source;
        Message = message;
        Remediation = remediation.Length > 0 ? remediation : code.Remediation;
        Subject = subject;
    }

    /// <summary>A copy of <paramref name="original"/> that is a warning now, its message led by <paramref name="why"/>.</summary>
    private Finding(Finding original, string why)
    {
        Code = original.Code;
        Effect = nameof(FindingEffect.Warning);
        Source = original.Source;
        Message = why + original.Message;
        Remediation = original.Remediation;
        Subject = original.Subject;
    }

    /// <summary>The stable snake_case code.</summary>
    public string Code { get; }

    /// <summary>A <see cref="FindingEffect"/> name: Blocked, Degraded, Inconclusive or Warning.</summary>
    public string Effect { get; }

    /// <summary>Which part found it: ice, network, signaling, stun, turn, sip, dns, firewall, nat.</summary>
    public string Source { get; }

    /// <summary>What was found, in a sentence, naming the server or interface concerned.</summary>
    public string Message { get; }

    /// <summary>What to do about it, naming the culprit.</summary>
    public string Remediation { get; }

    /// <summary>The server, interface or rule the finding is about (empty when it is about the machine as a whole).</summary>
    public string Subject { get; }

    /// <summary>True when the finding sets the verdict (it is a reason), false for a warning.</summary>
    internal bool IsReason => Effect != nameof(FindingEffect.Warning);

    /// <summary>This finding as a warning that follows from <paramref name="root"/>: it no longer sets the verdict, the root does.</summary>
    internal Finding AsConsequenceOf(Finding root) => new(this, "Consequence of " + root.Code + ": ");

    /// <summary>This finding as a warning, for <paramref name="why"/> (a sentence that ends with a colon or full stop and a space).</summary>
    internal Finding AsWarning(string why) => new(this, why);

    /// <inheritdoc />
    public override string ToString() => Code + ": " + Message;
}
