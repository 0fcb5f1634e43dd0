using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// Proves that an allocation relays data both ways (RFC 8656 §2.2), with a peer that sends to the
/// relayed address and answers what comes from it:
/// <list type="number">
/// <item>A local UDP socket: it learns its server-reflexive address from the same server, the client
/// creates a permission for it, the peer sends to the relayed address (which also opens its own
/// NAT towards the relay) and the client must receive that as a Data indication, whose
/// XOR-PEER-ADDRESS is the peer as the relay sees it; then the client sends through the relay,
/// first with a Send indication, then on a bound channel with ChannelData, and the peer echoes each.</item>
/// <item>When UDP from this machine cannot reach the server or its relay ports (only TCP 443 open,
/// or a firewall that allows only the server's port), a second allocation on the same server plays
/// the peer, relay to relay. Those limits do not affect calls, whose media leaves the relay on the
/// server's side, so the check then still tells whether the relay forwards.</item>
/// </list>
/// The relayed round trip reported is the ChannelData one, the path media takes.
/// </summary>
internal static class TurnRelayCheck
{
    private const ushort LocalPeerChannel = ChannelDataMessage.MinChannel;
    private const ushort AllocationPeerChannel = ChannelDataMessage.MinChannel + 1;
    private const int Attempts = 3;

    /// <summary>Not a multiple of four, so that ChannelData over TCP and TLS carries padding (RFC 8656 §12.5) both ways.</summary>
    private const int TokenLength = 21;

    private static readonly TimeSpan AttemptWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BindingLimit = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs the check on <paramref name="client"/>'s allocation. <paramref name="serverUdp"/> is the
    /// server's UDP address for the local peer's Binding; <paramref name="openSecondClient"/>
    /// connects a second client to the same server. Once the relay is proved,
    /// <paramref name="whileOpen"/> (when given) runs on the open path before the peer is closed:
    /// how a media stream uses the check's peer. Throws <see cref="ProbeException"/>
    /// (RelayNotForwarding, or the error of a TURN request) and cancellation; the peer is closed on every path.
    /// </summary>
    public static async Task<RelayCheckOutcome> RunAsync(TurnClient client, IPEndPoint serverUdp, Func<AddressFamily, IDatagramSocket> openPeerSocket, Func<CancellationToken, Task<TurnClient>> openSecondClient, RetransmissionPolicy policy, TimeSpan cleanupTimeout, IEngineLog log, TimeSpan deadline, Func<RelayPath, Task>? whileOpen, CancellationToken cancellationToken)
    {
        var allocation = client.Allocation ?? throw new InvalidOperationException("No allocation to check.");
        var clock = client.Clock;
        string whyNotLocal;
        using (var peer = OpenLocalPeer(openPeerSocket, allocation.Relayed.AddressFamily, clock, log))
        {
            // A server reached over IPv6 may relay IPv4; its relayed address then stands in for its IPv4 address.
            var target = serverUdp.AddressFamily == allocation.Relayed.AddressFamily ? serverUdp : new IPEndPoint(allocation.Relayed.Address, serverUdp.Port);
            var reflexive = await peer.LearnReflexiveAddressAsync(target, policy, Min(Remaining(clock, deadline), BindingLimit), cancellationToken).ConfigureAwait(false);
            if (reflexive is null)
            {
                whyNotLocal = "UDP from this machine to " + target + " is blocked, so a local peer cannot reach the relay";
            }
            else
            {
                var permitted = new[] { reflexive.Address, allocation.Mapped?.Address, LocalAddressToward(allocation.Relayed) }
                    .Where(a => a != null && a.AddressFamily == allocation.Relayed.AddressFamily)
                    .Select(a => a!)
                    .Distinct()
                    .ToList();
                await client.CreatePermissionAsync(permitted, deadline, cancellationToken).ConfigureAwait(false);
                var seen = reflexive;
                double? rtt = null;
                whyNotLocal = string.Empty;
                try
                {
                    seen = await InboundAsync(client, peer, log, deadline, cancellationToken).ConfigureAwait(false) ?? reflexive;
                    rtt = await RoundTripsAsync(client, peer, seen, LocalPeerChannel, log, deadline, cancellationToken).ConfigureAwait(false);
                }
                catch (ProbeException ex) when (ex.Reason == FailureReason.RelayNotForwarding)
                {
                    whyNotLocal = ex.Message.TrimEnd('.');
                }

                if (rtt is double proved)
                {
                    if (whileOpen != null)
                    {
                        await whileOpen(new RelayPath(client, peer, seen, LocalPeerChannel, viaSecondAllocation: false)).ConfigureAwait(false);
                    }

                    return new RelayCheckOutcome(true, proved, string.Empty);
                }
            }
        }

        log.Verbose(whyNotLocal + "; checking the relay with a second allocation as the peer.");
        return await CheckWithSecondAllocationAsync(client, openSecondClient, whyNotLocal, cleanupTimeout, log, deadline, whileOpen, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RelayCheckOutcome> CheckWithSecondAllocationAsync(TurnClient client, Func<CancellationToken, Task<TurnClient>> openSecondClient, string whyNotLocal, TimeSpan cleanupTimeout, IEngineLog log, TimeSpan deadline, Func<RelayPath, Task>? whileOpen, CancellationToken cancellationToken)
    {
        var relayed = client.Allocation!.Relayed;
        TurnClient second;
        try
        {
            second = await openSecondClient(cancellationToken).ConfigureAwait(false);
        }
        catch (ProbeException ex)
        {
            return Unverified(whyNotLocal, ex.Message, ex.Reason);
        }

        var peer = new AllocationRelayPeer(second, cleanupTimeout);
        try
        {
            try
            {
                await second.AllocateAsync(deadline, cancellationToken).ConfigureAwait(false);
            }
            catch (ProbeException ex)
            {
                return Unverified(whyNotLocal, "a second allocation was refused: " + ex.Message, ex.Reason);
            }
            catch (TurnRedirectException ex)
            {
                return Unverified(whyNotLocal, "a second allocation was refused: " + ex.Message, FailureReason.ErrorResponse);
            }

            await client.CreatePermissionAsync(new[] { peer.Relayed.Address }, deadline, cancellationToken).ConfigureAwait(false);
            await second.CreatePermissionAsync(new[] { relayed.Address }, deadline, cancellationToken).ConfigureAwait(false);
            IPEndPoint seen;
            double rtt;
            try
            {
                seen = await InboundAsync(client, peer, log, deadline, cancellationToken).ConfigureAwait(false) ?? peer.Relayed;
                rtt = await RoundTripsAsync(client, peer, seen, AllocationPeerChannel, log, deadline, cancellationToken).ConfigureAwait(false);
            }
            catch (ProbeException ex) when (ex.Reason == FailureReason.RelayNotForwarding)
            {
                throw new ProbeException(FailureReason.RelayNotForwarding, ex.Message + " (" + whyNotLocal + " either.)", ex);
            }

            if (whileOpen != null)
            {
                await whileOpen(new RelayPath(client, peer, seen, AllocationPeerChannel, viaSecondAllocation: true)).ConfigureAwait(false);
            }

            return new RelayCheckOutcome(true, rtt, "Verified relay to relay, through a second allocation: " + whyNotLocal + ". That does not affect calls, whose media leaves the relay on the server's side.");
        }
        finally
        {
            await peer.CloseAsync().ConfigureAwait(false);
        }
    }

    private static RelayCheckOutcome Unverified(string whyNotLocal, string whyNotSecond, FailureReason reason) =>
        new(null, null, "The relay could not be verified: " + whyNotLocal + ", and " + whyNotSecond.TrimEnd('.') + ".", reason);

    /// <summary>Peer → relay → client (a Data indication): the peer's address as the relay saw it, or null when nothing came.</summary>
    private static async Task<IPEndPoint?> InboundAsync(TurnClient client, IRelayPeer peer, IEngineLog log, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var relayed = client.Allocation!.Relayed;
        var token = NewToken();
        for (var attempt = 1; attempt <= Attempts && Remaining(client.Clock, deadline) > TimeSpan.Zero; attempt++)
        {
            await peer.SendAsync(token, relayed, cancellationToken).ConfigureAwait(false);
            var data = await ClientReceivesAsync(client, token, deadline, cancellationToken).ConfigureAwait(false);
            if (data != null)
            {
                log.Verbose("The relay delivered data from " + peer.Description + " (seen as " + data.Peer + ") to this client.");
                return data.Peer;
            }
        }

        log.Verbose("The relay did not deliver data from " + peer.Description + " to this client.");
        return null;
    }

    /// <summary>Client → relay → peer → relay → client with a Send indication, then on a bound channel; the ChannelData round trip in milliseconds.</summary>
    private static async Task<double> RoundTripsAsync(TurnClient client, IRelayPeer peer, IPEndPoint peerAddress, ushort channel, IEngineLog log, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var viaIndication = await RoundTripAsync(client, peer, peerAddress, null, deadline, cancellationToken).ConfigureAwait(false);
        log.Verbose("Relay round trip with Send and Data indications: " + Ms(viaIndication) + " ms.");
        await client.ChannelBindAsync(channel, peerAddress, deadline, cancellationToken).ConfigureAwait(false);
        var viaChannel = await RoundTripAsync(client, peer, peerAddress, channel, deadline, cancellationToken).ConfigureAwait(false);
        log.Verbose("Relay round trip with ChannelData: " + Ms(viaChannel) + " ms.");
        return viaChannel;
    }

    private static async Task<double> RoundTripAsync(TurnClient client, IRelayPeer peer, IPEndPoint peerAddress, ushort? channel, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var relayed = client.Allocation!.Relayed;
        var clock = client.Clock;
        var how = channel is null ? "a Send indication" : "ChannelData";
        var token = NewToken();
        var reachedPeer = false;
        for (var attempt = 1; attempt <= Attempts && Remaining(clock, deadline) > TimeSpan.Zero; attempt++)
        {
            var sent = clock.Elapsed;
            await (channel is ushort bound ? client.SendChannelDataAsync(bound, token, cancellationToken) : client.SendAsync(peerAddress, token, cancellationToken)).ConfigureAwait(false);
            if (!await PeerHearsAsync(peer, token, relayed, Min(deadline, clock.Elapsed + AttemptWait), cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            reachedPeer = true;
            await peer.SendAsync(token, relayed, cancellationToken).ConfigureAwait(false);
            var echo = await ClientReceivesAsync(client, token, deadline, cancellationToken).ConfigureAwait(false);
            if (echo != null && echo.ViaChannel == (channel != null))
            {
                return (echo.ReceivedAt - sent).TotalMilliseconds;
            }
        }

        throw new ProbeException(
            FailureReason.RelayNotForwarding,
            reachedPeer
                ? "Data sent with " + how + " reached " + peer.Description + " through the relay " + relayed + ", but the answer did not come back through it."
                : "Data sent with " + how + " through the relay " + relayed + " never reached " + peer.Description + ".");
    }

    /// <summary>True when <paramref name="token"/> reaches the peer from <paramref name="relayed"/> before <paramref name="until"/>; other data is skipped.</summary>
    private static async Task<bool> PeerHearsAsync(IRelayPeer peer, byte[] token, IPEndPoint relayed, TimeSpan until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var data = await peer.ReceiveFromAsync(relayed, until, cancellationToken).ConfigureAwait(false);
            if (data is null || data.Data.SequenceEqual(token))
            {
                return data != null;
            }
        }
    }

    private static async Task<RelayedData?> ClientReceivesAsync(TurnClient client, byte[] token, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var until = Min(deadline, client.Clock.Elapsed + AttemptWait);
        while (true)
        {
            var data = await client.ReceiveAsync(until - client.Clock.Elapsed, cancellationToken).ConfigureAwait(false);
            if (data is null || data.Data.SequenceEqual(token))
            {
                return data;
            }
        }
    }

    private static UdpRelayPeer OpenLocalPeer(Func<AddressFamily, IDatagramSocket> openPeerSocket, AddressFamily family, IClock clock, IEngineLog log)
    {
        try
        {
            return new UdpRelayPeer(openPeerSocket(family), clock, log);
        }
        catch (SocketException ex)
        {
            throw new ProbeException(FailureReason.RelayNotForwarding, "Could not open the relay check's local peer socket: " + ex.Message, ex);
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

    private static TimeSpan Remaining(IClock clock, TimeSpan deadline)
    {
        var left = deadline - clock.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
