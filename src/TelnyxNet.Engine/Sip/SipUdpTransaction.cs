using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Internal;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Sip;

/// <summary>
/// One OPTIONS client transaction over UDP (RFC 3261 §17.1.2): the request is retransmitted on
/// Timer E (<see cref="SipTimers"/>) until a final response, Timer F or the caller's deadline;
/// provisional responses switch to the Proceeding interval; answers that match another
/// transaction are ignored; ICMP port unreachable ends it at once as refused. The socket is
/// connected to the server (so ICMP errors reach it) and owned by the caller. <c>sent</c> counts
/// the transmissions as they go, so that a failure still says how many there were.
/// </summary>
internal static class SipUdpTransaction
{
    public static async Task<SipExchange> RunAsync(IDatagramSocket socket, IPEndPoint remote, string host, string userAgent, IClock clock, IEngineLog log, TimeSpan until, StrongBox<int> sent, CancellationToken cancellationToken)
    {
        var local = socket.LocalEndPoint as IPEndPoint ?? new IPEndPoint(remote.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var request = SipOptionsRequest.Create(host, TransportProtocol.Udp, local, userAgent);
        var bytes = request.Encode();
        var start = clock.Elapsed;
        var timerF = start + SipTimers.TimerF;
        var end = timerF < until ? timerF : until;
        var interval = SipTimers.T1;
        var nextSend = start;
        var lastSend = start;
        var transmissions = 0;
        var provisional = 0;
        string? invalid = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<ReceivedDatagram>? receive = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var now = clock.Elapsed;
                if (now >= end)
                {
                    var waited = (now - start).TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture);
                    throw invalid is null
                        ? new ProbeException(FailureReason.Timeout, "No SIP response from " + remote + " over UDP after " + transmissions + " transmission(s) in " + waited + " s" + (provisional > 0 ? " (" + provisional + " provisional)" : string.Empty) + ".")
                        : new ProbeException(FailureReason.ProtocolError, "Something answered from " + remote + " over UDP, but not with a SIP response to this request: " + invalid + ".");
                }

                if (now >= nextSend)
                {
                    await SendAsync(socket, bytes, remote, cancellationToken).ConfigureAwait(false);
                    lastSend = now;
                    transmissions++;
                    sent.Value = transmissions;
                    log.Verbose(transmissions == 1
                        ? "SIP: sent OPTIONS to " + remote + " over UDP (branch " + request.Branch + ")."
                        : "SIP: no final answer yet from " + remote + "; retransmission " + (transmissions - 1) + " (Timer E " + interval.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s).");
                    nextSend = now + interval;
                    interval = SipTimers.Next(interval, provisional > 0);
                }

                receive ??= socket.ReceiveAsync(stop.Token);
                if (!await TaskWaits.CompletesWithinAsync(receive, (nextSend < end ? nextSend : end) - clock.Elapsed, clock, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                ReceivedDatagram datagram;
                try
                {
                    datagram = await receive.ConfigureAwait(false);
                }
                catch (SocketException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    var failure = SocketErrors.Classify(ex, "UDP to " + remote);
                    throw new ProbeException(failure.Reason, failure.Reason == FailureReason.Refused
                        ? "UDP to " + remote + " refused: ICMP port unreachable came back (a firewall rejects SIP over UDP, or nothing listens there)."
                        : failure.Message, ex);
                }
                finally
                {
                    receive = null;
                }

                var received = clock.Elapsed;
                if (!SipResponse.TryParse(datagram.Buffer, 0, datagram.Count, out var response, out var error))
                {
                    invalid = error;
                    log.Verbose("SIP: ignored " + datagram.Count + " bytes from " + datagram.Source + " that are not a SIP response: " + error + ".");
                    continue;
                }

                if (!SipExchange.Matches(request, response!))
                {
                    invalid = "a response to another request (" + response!.StatusCode + ", CSeq " + response.Header("CSeq") + ")";
                    log.Verbose("SIP: ignored " + invalid + " from " + datagram.Source + ".");
                    continue;
                }

                if (response!.IsProvisional)
                {
                    provisional++;
                    interval = SipTimers.T2;
                    log.Verbose("SIP: " + response.StatusCode + " " + response.ReasonPhrase + " from " + remote + " (provisional); waiting for the final response.");
                    continue;
                }

                var rtt = received - lastSend;
                return new SipExchange(request, response, rtt < TimeSpan.Zero ? TimeSpan.Zero : rtt, transmissions, provisional, null);
            }
        }
        finally
        {
            stop.Cancel();
            TaskWaits.Abandon(receive);
        }
    }

    private static async Task SendAsync(IDatagramSocket socket, byte[] bytes, IPEndPoint remote, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendAsync(bytes, remote, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Classify(ex, "UDP to " + remote);
        }
    }

}
