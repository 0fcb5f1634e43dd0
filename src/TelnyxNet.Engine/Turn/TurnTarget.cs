using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// The server an attempt is at: the one given, or the alternate a 300 Try Alternate sent it to
/// (RFC 8489 §10; then <see cref="Alternate"/> is set and <see cref="RedirectedFrom"/> names the
/// first). A failure's message and remediation name this server, the one that failed.
/// </summary>
internal sealed record TurnTarget(TransportProtocol Transport, string Host, int Port, IPEndPoint? Alternate, string? RedirectedFrom)
{
    /// <summary>The server as given.</summary>
    public static TurnTarget Given(TurnServerAddress server) => new(server.Transport, server.Host, server.Port, null, null);

    /// <summary>The alternate <paramref name="redirect"/> names, reached from <paramref name="from"/>.</summary>
    public TurnTarget Redirected(TurnRedirectException redirect, IPEndPoint from) =>
        new(Transport, redirect.Domain ?? redirect.Alternate.Address.ToString(), redirect.Alternate.Port, redirect.Alternate, StunServerAddress.FormatHostPort(from.Address.ToString(), from.Port));

    /// <summary>What a failure's message adds after a followed redirect: which server failed and how the test got there; empty otherwise.</summary>
    public string Context => RedirectedFrom is null
        ? string.Empty
        : " This is the alternate server " + StunServerAddress.FormatHostPort(Host, Port) + ": " + RedirectedFrom + " answered with 300 Try Alternate and sent the test there.";

    /// <summary>Test-TelnyxTurn's remediation for <paramref name="failure"/> at this server.</summary>
    public string Remediation(ProbeException failure, CredentialSource source) =>
        TurnRemediation.For(failure.Reason, Transport, Host, Port, source, failure.ErrorCode, failure.Connected);
}
