using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Internal;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// Proves that an allocation relays, with a second local UDP socket playing the peer (RFC 8656
/// §2.2): the peer learns its server-reflexive address from the same server; the client creates a
/// permission for it; the peer sends to the relayed address (which also opens the peer's own NAT
/// towards the relay) and the client must receive it as a Data indication, whose XOR-PEER-ADDRESS
/// tells the peer's address as the relay sees it; then the client sends through the relay, first
/// with a Send indication, then on a bound channel with ChannelData, and the peer echoes each back.
/// The relayed round trip is the ChannelData one, the path media takes.
/// </summary>
internal sealed class TurnRelayCheck : IDisposable
{
    /// <summary>The channel the check binds (the first one, RFC 8656 §12).</summary>
    public const ushort Channel = ChannelDataMessage.MinChannel;

    private const int Attempts = 3;
    private const int TokenLength = 20;
    private static readonly TimeSpan AttemptWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BindingLimit = TimeSpan.FromSeconds(2);
    private readonly TurnClient _client;
    private readonly StunUdpClient _peer;
    private readonly AsyncInbox<PeerDatagram> _peerInbox;
    private readonly IClock _clock;
    private readonly IEngineLog _log;
    private readonly RetransmissionPolicy _policy;

    private TurnRelayCheck(TurnClient client, StunUdpClient peer, IClock clock, IEngineLog log, RetransmissionPolicy policy)
    {
        _client = client;
        _peer = peer;
        _clock = clock;
        _log = log;
        _policy = policy;
        _peerInbox = new AsyncInbox<PeerDatagram>(clock);
        _peer.NonStunHandler = (buffer, count, source) =>
        {
            var copy = new byte[count];
            Buffer.BlockCopy(buffer, 0, copy, 0, count);
            _peerInbox.Post(new PeerDatagram(source, copy));
        };
    }

    /// <summary>
    /// Runs the check on <paramref name="client"/>'s allocation. <paramref name="serverUdp"/> is the
    /// server's UDP address for the peer's Binding. Returns the relayed round trip in milliseconds;
    /// throws <see cref="ProbeException"/> (RelayNotForwarding, or the error of a TURN request).
    /// </summary>
    public static async Task<double> RunAsync(TurnClient client, IPEndPoint serverUdp, Func<AddressFamily, IDatagramSocket> openPeerSocket, RetransmissionPolicy policy, IClock clock, IEngineLog log, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var allocation = client.Allocation ?? throw new InvalidOperationException("No allocation to check.");
        IDatagramSocket socket;
        try
        {
            socket = openPeerSocket(allocation.Relayed.AddressFamily);
        }
        catch (SocketException ex)
        {
            throw new ProbeException(FailureReason.RelayNotForwarding, "Could not open the relay check's local peer socket: " + ex.Message, ex);
        }

        using var check = new TurnRelayCheck(client, new StunUdpClient(socket, clock, log), clock, log, policy);
        return await check.RunAsync(allocation, serverUdp, deadline, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _peer.Dispose();
        _peerInbox.Dispose();
    }

    private async Task<double> RunAsync(TurnAllocation allocation, IPEndPoint serverUdp, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var relayed = allocation.Relayed;
        var reflexive = await LearnReflexiveAddressAsync(relayed, serverUdp, deadline, cancellationToken).ConfigureAwait(false);
        var permitted = new[] { reflexive?.Address, allocation.Mapped?.Address, LocalAddressToward(relayed) }
            .Where(a => a != null && a.AddressFamily == relayed.AddressFamily)
            .Select(a => a!)
            .Distinct()
            .ToList();
        await _client.CreatePermissionAsync(permitted, deadline, cancellationToken).ConfigureAwait(false);

        var peer = await InboundAsync(relayed, deadline, cancellationToken).ConfigureAwait(false) ?? reflexive
            ?? throw new ProbeException(FailureReason.RelayNotForwarding, "Data the local peer sent to the relayed address " + relayed + " never reached this client, and the peer could not learn its own address from the server over UDP either: UDP between this machine and the server looks blocked.");
        var viaIndication = await RoundTripAsync(relayed, peer, useChannel: false, deadline, cancellationToken).ConfigureAwait(false);
        _log.Verbose("Relay round trip with Send and Data indications: " + Ms(viaIndication) + " ms.");
        await _client.ChannelBindAsync(Channel, peer, deadline, cancellationToken).ConfigureAwait(false);
        var viaChannel = await RoundTripAsync(relayed, peer, useChannel: true, deadline, cancellationToken).ConfigureAwait(false);
        _log.Verbose("Relay round trip with ChannelData: " + Ms(viaChannel) + " ms.");
        return viaChannel;
    }

    /// <summary>The peer's server-reflexive address from a Binding to the server's UDP port, or null (logged) when UDP to it fails.</summary>
    private async Task<IPEndPoint?> LearnReflexiveAddressAsync(IPEndPoint relayed, IPEndPoint serverUdp, TimeSpan deadline, CancellationToken cancellationToken)
    {
        // A server reached over IPv6 may relay IPv4; its relayed address then stands in for its IPv4 address.
        var target = serverUdp.AddressFamily == relayed.AddressFamily ? serverUdp : new IPEndPoint(relayed.Address, serverUdp.Port);
        var wait = Min(Remaining(deadline), BindingLimit);
        try
        {
            var outcome = await _peer.ExecuteAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode(), target, _policy, wait, cancellationToken).ConfigureAwait(false);
            var mapped = outcome.Response.MappedEndPoint;
            _log.Verbose("The relay check's peer " + _peer.LocalEndPoint + " is " + mapped + " as seen by " + target + ".");
            return mapped;
        }
        catch (ProbeException ex)
        {
            _log.Verbose("The relay check's peer could not learn its address from " + target + " over UDP (" + ex.Message + "); trying the relay anyway.");
            return null;
        }
    }

    /// <summary>Peer → relay → client (a Data indication). The peer's address as the relay saw it, or null when nothing came.</summary>
    private async Task<IPEndPoint?> InboundAsync(IPEndPoint relayed, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var token = NewToken();
        for (var attempt = 1; attempt <= Attempts && Remaining(deadline) > TimeSpan.Zero; attempt++)
        {
            await _peer.SendAsync(token, relayed, cancellationToken).ConfigureAwait(false);
            var data = await ClientReceivesAsync(token, deadline, cancellationToken).ConfigureAwait(false);
            if (data != null)
            {
                _log.Verbose("The relay delivered the peer's data from " + data.Peer + " to this client.");
                return data.Peer;
            }
        }

        _log.Verbose("The relay did not deliver the peer's data to this client.");
        return null;
    }

    /// <summary>Client → relay → peer → relay → client, through a Send indication or the bound channel; milliseconds.</summary>
    private async Task<double> RoundTripAsync(IPEndPoint relayed, IPEndPoint peer, bool useChannel, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var how = useChannel ? "ChannelData" : "a Send indication";
        var token = NewToken();
        var reachedPeer = false;
        for (var attempt = 1; attempt <= Attempts && Remaining(deadline) > TimeSpan.Zero; attempt++)
        {
            var sent = _clock.Elapsed;
            await (useChannel ? _client.SendChannelDataAsync(Channel, token, cancellationToken) : _client.SendAsync(peer, token, cancellationToken)).ConfigureAwait(false);
            if (!await PeerReceivesAsync(token, relayed, deadline, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            reachedPeer = true;
            await _peer.SendAsync(token, relayed, cancellationToken).ConfigureAwait(false);
            var echo = await ClientReceivesAsync(token, deadline, cancellationToken).ConfigureAwait(false);
            if (echo != null && echo.ViaChannel == useChannel)
            {
                return (echo.ReceivedAt - sent).TotalMilliseconds;
            }
        }

        throw new ProbeException(
            FailureReason.RelayNotForwarding,
            reachedPeer
                ? "Data sent with " + how + " reached the peer through the relay " + relayed + ", but the peer's answer did not come back through it."
                : "Data sent with " + how + " through the relay " + relayed + " never reached the peer " + peer + ".");
    }

    private async Task<RelayedData?> ClientReceivesAsync(byte[] token, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var until = Min(deadline, _clock.Elapsed + AttemptWait);
        while (true)
        {
            var data = await _client.ReceiveAsync(until - _clock.Elapsed, cancellationToken).ConfigureAwait(false);
            if (data is null || data.Data.SequenceEqual(token))
            {
                return data;
            }
        }
    }

    private async Task<bool> PeerReceivesAsync(byte[] token, IPEndPoint relayed, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var until = Min(deadline, _clock.Elapsed + AttemptWait);
        while (true)
        {
            var datagram = await _peerInbox.TakeAsync(until - _clock.Elapsed, cancellationToken).ConfigureAwait(false);
            if (datagram is null)
            {
                return false;
            }

            if (datagram.Data.SequenceEqual(token) && datagram.Source is IPEndPoint source && source.Port == relayed.Port && source.Address.Equals(relayed.Address))
            {
                return true;
            }
        }
    }

    /// <summary>The local address the system would send from towards <paramref name="remote"/> (no packet is sent), or null.</summary>
    private static IPAddress? LocalAddressToward(IPEndPoint remote)
    {
        try
        {
            using var probe = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(remote);
            return (probe.LocalEndPoint as IPEndPoint)?.Address;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static byte[] NewToken()
    {
        var token = new byte[TokenLength];
        using var random = RandomNumberGenerator.Create();
        random.GetBytes(token);
        return token;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Ms(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture);

    private TimeSpan Remaining(TimeSpan deadline)
    {
        var left = deadline - _clock.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private sealed class PeerDatagram
    {
        public PeerDatagram(EndPoint source, byte[] data)
        {
            Source = source;
            Data = data;
        }

        public EndPoint Source { get; }

        public byte[] Data { get; }
    }
}
