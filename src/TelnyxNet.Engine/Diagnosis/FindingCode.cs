namespace TelnyxNet.Engine.Diagnosis;

/// <summary>A registered finding code: its effect on the verdict, its source and the default remediation.</summary>
public sealed class FindingCode
{
    internal FindingCode(string code, FindingEffect effect, string source, string remediation, bool fromSdk)
    {
        Code = code;
        Effect = effect;
        Source = source;
        Remediation = remediation;
        FromSdk = fromSdk;
    }

    /// <summary>The stable snake_case code.</summary>
    public string Code { get; }

    /// <summary>What the finding does to the verdict.</summary>
    public FindingEffect Effect { get; }

    /// <summary>Which part of the diagnosis reports it.</summary>
    public string Source { get; }

    /// <summary>The remediation used when the finding gives none of its own.</summary>
    public string Remediation { get; }

    /// <summary>True for the Telnyx WebRTC SDK's own codes, false for TelnyxNet's.</summary>
    public bool FromSdk { get; }

    /// <summary>A finding of this code about <paramref name="subject"/>.</summary>
    public Finding With(string message, string subject = "", string remediation = "") =>
        new(this, message ?? throw new ArgumentNullException(nameof(message)), remediation ?? string.Empty, subject ?? string.Empty);

    /// <inheritdoc />
    public override string ToString() => Code;
}
