using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Sip;

/// <summary>
/// One OPTIONS transaction over a TCP or TLS connection of its own (RFC 3261 §18.1.1, §18.3):
/// connect (and for TLS, handshake naming the SIP domain: SNI and certificate, RFC 5922 §7.2),
/// send once, read messages framed by Content-Length until the final response. Bounded by the
/// caller's deadline and by <see cref="MaxBytes"/>: a server that never ends its headers, sends an
/// endless body or goes silent ends the transaction, as a protocol error or a timeout.
/// </summary>
internal static class SipStreamTransaction
{
    /// <summary>The most a server may send before the final response (headers, bodies and provisional responses together).</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<SipExchange> RunAsync(Socket socket, IPEndPoint remote, TransportProtocol transport, string host, RemoteCertificateValidationCallback? validation, string userAgent, IClock clock, IEngineLog log, TimeSpan until, CancellationToken cancellationToken)
    {
        Stream? stream = null;
        try
        {
            socket.NoDelay = true;
            await StreamConnect.ConnectAsync(socket, remote, until - clock.Elapsed, clock, cancellationToken).ConfigureAwait(false);
            log.Verbose("SIP: TCP connected to " + remote + " from " + socket.LocalEndPoint + ".");
            stream = new NetworkStream(socket, ownsSocket: false);
            string? tlsProtocol = null;
            if (transport == TransportProtocol.Tls)
            {
                var tls = await StunStreamClient.HandshakeAsync(stream, socket, remote, host, validation, until - clock.Elapsed, clock, log, cancellationToken).ConfigureAwait(false);
                stream = tls;
                tlsProtocol = tls.SslProtocol.ToString();
            }

            var request = SipOptionsRequest.Create(host, transport, (IPEndPoint)socket.LocalEndPoint!, userAgent);
            var connected = stream;
            var left = until - clock.Elapsed;
            try
            {
                return await Deadline.RunAsync(ExchangeAsync(connected, request, remote, clock, log, tlsProtocol), left, clock, socket.Dispose, "SIP response from " + remote + " over " + transport.ToString().ToUpperInvariant(), cancellationToken).ConfigureAwait(false);
            }
            catch (ProbeException ex) when (ex.Reason == FailureReason.Timeout)
            {
                throw new ProbeException(FailureReason.Timeout, "TCP to " + remote + " connected" + (tlsProtocol is null ? string.Empty : " and TLS was set up") + ", but the SIP response timed out after " + left.TotalSeconds.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture) + " s: the server sent nothing, or not a whole response.", ex) { Connected = true };
            }
        }
        finally
        {
            await OrderlyClose.EndAsync(socket, stream, clock).ConfigureAwait(false);
            stream?.Dispose();
            socket.Dispose();
        }
    }

    private static async Task<SipExchange> ExchangeAsync(Stream stream, SipOptionsRequest request, IPEndPoint remote, IClock clock, IEngineLog log, string? tlsProtocol)
    {
        var bytes = request.Encode();
        var buffer = new byte[MaxBytes];
        var filled = 0;
        var provisional = 0;
        try
        {
            await stream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
            var sent = clock.Elapsed;
            log.Verbose("SIP: sent OPTIONS to " + remote + " over " + request.ViaTransport + " (branch " + request.Branch + ").");
            while (true)
            {
                var (response, length) = await ReadMessageAsync(stream, buffer, filled).ConfigureAwait(false);
                filled = length.Filled - length.Consumed;
                Buffer.BlockCopy(buffer, length.Consumed, buffer, 0, filled);
                if (!SipExchange.Matches(request, response))
                {
                    throw new ProbeException(FailureReason.ProtocolError, "The server at " + remote + " answered another request (" + response.StatusCode + ", CSeq " + response.Header("CSeq") + ") on a connection of this request's own.");
                }

                if (response.IsProvisional)
                {
                    provisional++;
                    log.Verbose("SIP: " + response.StatusCode + " " + response.ReasonPhrase + " from " + remote + " (provisional); waiting for the final response.");
                    continue;
                }

                var rtt = clock.Elapsed - sent;
                return new SipExchange(request, response, rtt < TimeSpan.Zero ? TimeSpan.Zero : rtt, 1, provisional, tlsProtocol);
            }
        }
        catch (IOException ex)
        {
            // TCP connected: a reset now is the server's side (or an inspecting device) cutting the flow, not a firewall refusing it.
            throw StreamConnect.IsReset(ex)
                ? new ProbeException(FailureReason.ConnectionReset, "TCP to " + remote + " connected, then the connection was reset before a SIP response (" + ex.Message + ").", ex) { Connected = true }
                : new ProbeException(FailureReason.ProtocolError, "The connection to " + remote + " failed before a SIP response (" + ex.Message + ").", ex) { Connected = true };
        }
    }

    /// <summary>Reads until one whole message is in <paramref name="buffer"/>; returns it and how many bytes it took.</summary>
    private static async Task<(SipResponse Response, (int Filled, int Consumed) Length)> ReadMessageAsync(Stream stream, byte[] buffer, int filled)
    {
        while (true)
        {
            var headerEnd = SipResponse.HeaderEnd(buffer, filled);
            if (headerEnd > 0)
            {
                if (!SipResponse.TryParse(buffer, 0, headerEnd, out var headers, out var error, headersOnly: true))
                {
                    throw new ProbeException(FailureReason.ProtocolError, "The server sent something that is not a SIP response: " + error + ".");
                }

                if (headers!.ContentLength is not int bodyLength)
                {
                    throw new ProbeException(FailureReason.ProtocolError, "The server sent a response without a valid Content-Length, which a stream transport requires (RFC 3261 §18.3).");
                }

                if (headerEnd + bodyLength > buffer.Length)
                {
                    throw new ProbeException(FailureReason.ProtocolError, "The server's response declares a " + bodyLength + "-byte body, more than the " + MaxBytes + " bytes this probe reads.");
                }

                if (filled >= headerEnd + bodyLength)
                {
                    SipResponse.TryParse(buffer, 0, headerEnd + bodyLength, out var response, out _);
                    return (response!, (filled, headerEnd + bodyLength));
                }
            }
            else if (filled == buffer.Length)
            {
                throw new ProbeException(FailureReason.ProtocolError, "The server sent " + MaxBytes + " bytes without ending a SIP header section: not a SIP server.");
            }

            var read = await stream.ReadAsync(buffer, filled, buffer.Length - filled).ConfigureAwait(false);
            if (read == 0)
            {
                throw new ProbeException(FailureReason.ProtocolError, "The server closed the connection before a complete SIP response" + (filled > 0 ? " (" + filled + " bytes came)" : string.Empty) + ".");
            }

            filled += read;
        }
    }
}
