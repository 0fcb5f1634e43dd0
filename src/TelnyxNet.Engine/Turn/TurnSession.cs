using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// One allocation on one server address, as the probes make it: the control connection over UDP,
/// TCP or TLS, the Allocate with long-term credentials (RFC 8656 §7), one 300 Try Alternate
/// followed (RFC 8489 §10), the relay check on it, and its deletion. Every probe that needs a relay
/// opens it here (connecting through <see cref="TurnConnector"/>, which ICE gathering shares), so
/// that connecting, redirecting, blaming the right server and cleaning up are written once.
/// </summary>
internal sealed class TurnSession
{
    private readonly RelayProbeOptions _options;
    private readonly IEngineLog _log;
    private readonly TimeSpan _deadline;

    private TurnSession(TurnServerAddress server, TurnTarget target, TurnCredential credential, TurnClient client, IPEndPoint remote, string tlsHost, RelayProbeOptions options, TimeSpan deadline, IEngineLog log, double allocateTimeMs)
    {
        Server = server;
        Target = target;
        Credential = credential;
        Client = client;
        Remote = remote;
        TlsHost = tlsHost;
        _options = options;
        _deadline = deadline;
        _log = log;
        AllocateTimeMs = allocateTimeMs;
    }

    /// <summary>The server and transport as given.</summary>
    public TurnServerAddress Server { get; }

    /// <summary>The server the allocation is at: the one given, or the alternate a redirect named.</summary>
    public TurnTarget Target { get; }

    /// <summary>The credential allocated with: the server's own, else the test's.</summary>
    public TurnCredential Credential { get; }

    /// <summary>The allocated client.</summary>
    public TurnClient Client { get; }

    /// <summary>Where the allocation is: the address tested, or the alternate server a redirect named.</summary>
    public IPEndPoint Remote { get; }

    /// <summary>The TLS server name of <see cref="Remote"/> (the redirect's ALTERNATE-DOMAIN when it gave one).</summary>
    public string TlsHost { get; }

    /// <summary>Milliseconds from the start of the test of this address to the Allocate success: connection set-up, the challenge and a followed redirect included.</summary>
    public double AllocateTimeMs { get; }

    /// <summary>
    /// The server's UDP address for the relay check's local peer to learn its reflexive address:
    /// its own port for UDP and TCP, 3478 for TLS and TCP 443, where a server is unlikely to answer
    /// plain STUN over UDP.
    /// </summary>
    public IPEndPoint PeerBindingServer =>
        new(Remote.Address, Server.Transport == TransportProtocol.Udp || (Server.Transport == TransportProtocol.Tcp && Remote.Port != TelnyxEndpoints.TurnFallbackPort) ? Remote.Port : TurnServerAddress.DefaultPort);

    /// <summary>
    /// Connects to <paramref name="address"/> with the server's credential and allocates,
    /// following one redirect unless <see cref="AlternateServerCheck"/> rejects it. As it heads for
    /// each server, <paramref name="connected"/> gets the target (client null), and again with each
    /// client it connects before that client's first request, so that the caller can blame the
    /// server that failed and read what the client learnt even when the allocation fails. Throws
    /// <see cref="ProbeException"/> (a second redirect is ErrorResponse 300) or cancellation; the
    /// client is then already closed.
    /// </summary>
    public static async Task<TurnSession> OpenAsync(TurnServerAddress server, IPAddress address, RelayProbeOptions options, TimeSpan deadline, IEngineLog log, Action<TurnTarget, TurnClient?> connected, CancellationToken cancellationToken)
    {
        var clock = options.Clock;
        var started = clock.Elapsed;
        var remote = new IPEndPoint(address, server.Port);
        var tlsHost = server.Host;
        var target = TurnTarget.Given(server);
        var credential = options.CredentialOf(server);
        log.Verbose("Testing TURN " + server.Transport.ToString().ToUpperInvariant() + " " + StunServerAddress.FormatHostPort(address.ToString(), server.Port) + (server.IsAddressLiteral ? string.Empty : " (" + server.Host + ")") + " as " + credential + ".");
        connected(target, null);
        TurnClient? client = await TurnConnector.ConnectAsync(server.Transport, remote, tlsHost, credential, options, null, deadline, log, cancellationToken).ConfigureAwait(false);
        try
        {
            connected(target, client);
            try
            {
                await client.AllocateAsync(deadline, cancellationToken).ConfigureAwait(false);
            }
            catch (TurnRedirectException redirect)
            {
                log.Verbose(redirect.Message + " Following it once.");
                await client.CloseAsync().ConfigureAwait(false);
                client = null;
                target = target.Redirected(redirect, remote);
                remote = redirect.Alternate;
                tlsHost = redirect.Domain ?? server.Host;
                connected(target, null);
                client = await TurnConnector.ConnectAsync(server.Transport, remote, tlsHost, credential, options, null, deadline, log, cancellationToken).ConfigureAwait(false);
                connected(target, client);
                await client.AllocateAsync(deadline, cancellationToken).ConfigureAwait(false);
            }

            return new TurnSession(server, target, credential, client, remote, tlsHost, options, deadline, log, Math.Round((clock.Elapsed - started).TotalMilliseconds, 3));
        }
        catch (TurnRedirectException again)
        {
            await client!.CloseAsync().ConfigureAwait(false);
            throw new ProbeException(FailureReason.ErrorResponse, again.Message + " The test follows one redirect only: the servers send each other round.") { ErrorCode = TurnErrors.TryAlternate };
        }
        catch
        {
            if (client != null)
            {
                await client.CloseAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Proves the relay forwards data both ways (<see cref="TurnRelayCheck"/>); with
    /// <paramref name="whileOpen"/>, hands it the verified path before the peer is closed.
    /// </summary>
    public Task<RelayCheckOutcome> CheckRelayAsync(Func<RelayPath, Task>? whileOpen, CancellationToken cancellationToken) =>
        TurnRelayCheck.RunAsync(
            Client,
            PeerBindingServer,
            _options.OpenPeerSocket,
            token => TurnConnector.ConnectAsync(Server.Transport, Remote, TlsHost, Credential, _options, null, _deadline, _log, token),
            _options.Retransmission,
            _options.CleanupTimeout,
            _log,
            _deadline,
            whileOpen,
            cancellationToken);

    /// <summary>Deletes the allocation (bounded, never throws) and closes the connection: true when deleted, false when the server could not be told.</summary>
    public async Task<bool> CloseAsync()
    {
        var deleted = await Client.DeleteAsync(_options.CleanupTimeout).ConfigureAwait(false);
        await Client.CloseAsync().ConfigureAwait(false);
        return deleted;
    }
}
