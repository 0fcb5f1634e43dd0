using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// STUN over a TCP or TLS connection (RFC 8489 §6.2.2, §6.2.3): messages are framed by their own
/// length field, requests are not retransmitted, and a transaction fails when the connection or
/// the caller's timeout ends. Disposing closes the connection.
/// </summary>
public sealed class StunStreamClient : IDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly IClock _clock;
    private readonly IEngineLog _log;
    private int _disposed;

    private StunStreamClient(Socket socket, Stream stream, IClock clock, IEngineLog log, string? tlsProtocol)
    {
        _socket = socket;
        _stream = stream;
        _clock = clock;
        _log = log;
        TlsProtocol = tlsProtocol;
    }

    /// <summary>The local end point of the connection.</summary>
    public EndPoint? LocalEndPoint => Volatile.Read(ref _disposed) == 0 ? _socket.LocalEndPoint : null;

    /// <summary>The negotiated TLS version, when TLS is used.</summary>
    public string? TlsProtocol { get; }

    /// <summary>Responses read whose transaction id matched no request.</summary>
    public int UnknownTransactionCount { get; private set; }

    /// <summary>
    /// Connects to <paramref name="remote"/> and, for TLS, completes the handshake naming
    /// <paramref name="tlsHost"/> (SNI and certificate name). With no validation callback the
    /// system's certificate validation decides. Throws <see cref="ProbeException"/> (refused,
    /// unreachable, timeout, TLS failure) or <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<StunStreamClient> ConnectAsync(IPEndPoint remote, TransportProtocol protocol, string tlsHost, RemoteCertificateValidationCallback? certificateValidation, TimeSpan timeout, IClock clock, IEngineLog? log, CancellationToken cancellationToken)
    {
        if (protocol == TransportProtocol.Udp)
        {
            throw new ArgumentException("Use StunUdpClient for UDP.", nameof(protocol));
        }

        log ??= NullEngineLog.Instance;
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            var started = clock.Elapsed;
            await Deadline.RunAsync(ConnectSocketAsync(socket, remote), timeout, clock, socket.Dispose, "TCP connection to " + remote, cancellationToken).ConfigureAwait(false);
            log.Verbose("TCP connected to " + remote + " from " + socket.LocalEndPoint + ".");
            stream = new NetworkStream(socket, ownsSocket: false);
            string? tlsProtocol = null;
            if (protocol == TransportProtocol.Tls)
            {
                var remaining = timeout - (clock.Elapsed - started);
                var tls = await HandshakeAsync(stream, socket, remote, tlsHost, certificateValidation, remaining, clock, log, cancellationToken).ConfigureAwait(false);
                stream = tls;
                tlsProtocol = tls.SslProtocol.ToString();
            }

            return new StunStreamClient(socket, stream, clock, log, tlsProtocol);
        }
        catch
        {
            stream?.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="request"/> and reads framed messages until the one with the same
    /// transaction id, within <paramref name="timeout"/>.
    /// </summary>
    public async Task<StunTransactionOutcome> ExecuteAsync(byte[] request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (request is null || request.Length < StunMessage.HeaderLength)
        {
            throw new ArgumentException("A STUN request of at least 20 bytes is required.", nameof(request));
        }

        var id = TransactionId.FromBytes(request, 8);
        var sent = _clock.Elapsed;
        var remote = _socket.RemoteEndPoint;
        var response = await Deadline.RunAsync(ExchangeAsync(request, id), timeout, _clock, Dispose, "STUN response from " + remote, cancellationToken).ConfigureAwait(false);
        return new StunTransactionOutcome(response, remote, _clock.Elapsed - sent, 1);
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stream.Dispose();
            _socket.Dispose();
        }
    }

    private static async Task ConnectSocketAsync(Socket socket, IPEndPoint remote)
    {
        try
        {
            await socket.ConnectAsync(remote).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Classify(ex, "TCP connection to " + remote);
        }
    }

    private static async Task<SslStream> HandshakeAsync(Stream inner, Socket socket, IPEndPoint remote, string tlsHost, RemoteCertificateValidationCallback? certificateValidation, TimeSpan timeout, IClock clock, IEngineLog log, CancellationToken cancellationToken)
    {
        var policyErrors = SslPolicyErrors.None;
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, (sender, certificate, chain, errors) =>
        {
            policyErrors = errors;
            return certificateValidation != null
                ? certificateValidation(sender, certificate, chain, errors)
                : errors == SslPolicyErrors.None;
        });
        try
        {
            log.Verbose("TLS handshake with " + remote + " as '" + tlsHost + "'.");
            await Deadline.RunAsync(AuthenticateAsync(ssl, tlsHost, remote, () => policyErrors), timeout, clock, socket.Dispose, "TLS handshake with " + remote, cancellationToken).ConfigureAwait(false);
            log.Verbose("TLS established: " + ssl.SslProtocol + ", " + ssl.CipherAlgorithm + ".");
            return ssl;
        }
        catch
        {
            ssl.Dispose();
            throw;
        }
    }

    private static async Task AuthenticateAsync(SslStream ssl, string tlsHost, IPEndPoint remote, Func<SslPolicyErrors> policyErrors)
    {
        try
        {
            // SslProtocols.None asks for the operating system's default versions explicitly. Without it,
            // .NET Framework (Windows PowerShell 5.1) falls back to the host exe's legacy defaults.
            await ssl.AuthenticateAsClientAsync(tlsHost, null, SslProtocols.None, checkCertificateRevocation: false).ConfigureAwait(false);
        }
        catch (AuthenticationException ex)
        {
            var errors = policyErrors();
            var detail = errors == SslPolicyErrors.None ? ex.Message : "certificate not accepted (" + errors + ")";
            throw new ProbeException(FailureReason.TlsFailure, "TLS handshake with " + remote + " as '" + tlsHost + "' failed: " + detail + ".", ex);
        }
        catch (IOException ex)
        {
            throw new ProbeException(FailureReason.TlsFailure, "TLS handshake with " + remote + " failed: the connection closed during the handshake (" + ex.Message + ").", ex);
        }
    }

    private async Task<StunMessage> ExchangeAsync(byte[] request, TransactionId id)
    {
        try
        {
            await _stream.WriteAsync(request, 0, request.Length).ConfigureAwait(false);
            await _stream.FlushAsync().ConfigureAwait(false);
            _log.Verbose("Sent " + request.Length + "-byte request " + id + " over " + (TlsProtocol ?? "TCP") + ".");
            while (true)
            {
                var message = await ReadMessageAsync().ConfigureAwait(false);
                if (message.TransactionId == id)
                {
                    return message;
                }

                UnknownTransactionCount++;
                _log.Verbose("Ignored a message with unknown transaction id " + message.TransactionId + ".");
            }
        }
        catch (IOException ex) when (Volatile.Read(ref _disposed) == 0)
        {
            var reason = ex.InnerException is SocketException se && se.SocketErrorCode == SocketError.ConnectionReset ? FailureReason.Refused : FailureReason.ProtocolError;
            throw new ProbeException(reason, "The connection failed before a response: " + ex.Message, ex);
        }
    }

    /// <summary>Reads one message framed by its header's length field (RFC 8489 §6.2.2).</summary>
    private async Task<StunMessage> ReadMessageAsync()
    {
        var header = new byte[StunMessage.HeaderLength];
        await ReadExactlyAsync(header, 0, header.Length).ConfigureAwait(false);
        if ((header[0] & 0xC0) != 0)
        {
            throw new ProbeException(FailureReason.ProtocolError, "The server sent data that is not STUN framing (first byte 0x" + header[0].ToString("x2") + ").");
        }

        var length = Internal.BigEndian.ReadUInt16(header, 2);
        var message = new byte[StunMessage.HeaderLength + length];
        Buffer.BlockCopy(header, 0, message, 0, header.Length);
        await ReadExactlyAsync(message, header.Length, length).ConfigureAwait(false);
        if (!StunDecoder.TryDecode(message, out var decoded, out var error))
        {
            throw new ProbeException(FailureReason.ProtocolError, "Malformed response: " + error + ".");
        }

        return decoded!;
    }

    private async Task ReadExactlyAsync(byte[] buffer, int offset, int count)
    {
        while (count > 0)
        {
            var read = await _stream.ReadAsync(buffer, offset, count).ConfigureAwait(false);
            if (read == 0)
            {
                throw new ProbeException(FailureReason.ProtocolError, "The server closed the connection without a complete STUN response.");
            }

            offset += read;
            count -= read;
        }
    }
}
