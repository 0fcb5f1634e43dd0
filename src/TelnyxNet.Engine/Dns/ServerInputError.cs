namespace TelnyxNet.Engine.Dns;

/// <summary>Why a server value could not be tested.</summary>
public enum ServerInputErrorKind
{
    /// <summary>Not a server address: bad syntax, bad port, bad host, an ambiguous IPv6 literal.</summary>
    Invalid,

    /// <summary>A valid URI whose transport (<c>stuns:</c>, <c>turns:</c>, <c>?transport=</c>) is not among the transports asked for.</summary>
    TransportConflict,
}

/// <summary>What is wrong with a server value: the kind, for the error id, and a message that names the value.</summary>
public sealed class ServerInputError
{
    internal ServerInputError(ServerInputErrorKind kind, string message)
    {
        Kind = kind;
        Message = message;
    }

    /// <summary>The kind of problem.</summary>
    public ServerInputErrorKind Kind { get; }

    /// <summary>One sentence that names the value and says what is wrong and what to write instead.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Message;
}
