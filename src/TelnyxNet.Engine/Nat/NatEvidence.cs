namespace TelnyxNet.Engine.Nat;

/// <summary>One test of a NAT behaviour discovery: what was sent where, and what came back.</summary>
public sealed class NatEvidence
{
    internal NatEvidence(string test, string target, string outcome, string mapped, string answeredFrom, string note)
    {
        Test = test;
        Target = target;
        Outcome = outcome;
        MappedAddress = mapped;
        AnsweredFrom = answeredFrom;
        Note = note;
    }

    /// <summary>The test, e.g. "Mapping II (RFC 5780 §4.3)".</summary>
    public string Test { get; }

    /// <summary>Where the request went (address:port), with what it asked for.</summary>
    public string Target { get; }

    /// <summary>Answered, NoAnswer or Failed.</summary>
    public string Outcome { get; }

    /// <summary>The mapped address:port the answer carried (empty without one).</summary>
    public string MappedAddress { get; }

    /// <summary>Where the answer came from (empty without one).</summary>
    public string AnsweredFrom { get; }

    /// <summary>What the answer (or its absence) means.</summary>
    public string Note { get; }

    /// <inheritdoc />
    public override string ToString() => Test + ": " + Outcome + (MappedAddress.Length > 0 ? " " + MappedAddress : string.Empty) + (Note.Length > 0 ? " (" + Note + ")" : string.Empty);
}
