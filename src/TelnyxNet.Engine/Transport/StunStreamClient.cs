using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// STUN over a TCP or TLS connection (RFC 8489 §6.2.2, §6.2.3): messages are framed by their own
/// length field, requests are not retransmitted, and a transaction fails when the connection or
/// the caller's timeout ends (a timeout closes the connection). Once the first message is written
/// a reader runs until the connection ends: it completes transactions by id and hands
/// indications and TURN ChannelData frames (RFC 8656 §12.5, padded to 4 bytes on streams) to
/// the handlers. Disposing closes the connection.
/// </summary>
public sealed class StunStreamClient : IDisposable
{
    private const int StunHeaderLength = StunMessage.HeaderLength;
    private const int ChannelDataHeaderLength = 4;
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly IClock _clock;
    private readonly IEngineLog _log;
    private readonly EndPoint _remote;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly StunTransactionTable _transactions = new();
    private ProbeException? _readFailure;
    private int _reading;
    private int _disposed;

    private StunStreamClient(Socket socket, Stream stream, IClock clock, IEngineLog log, string? tlsProtocol)
    {
        _socket = socket;
        _stream = stream;
        _clock = clock;
        _log = log;
        _remote = socket.RemoteEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        TlsProtocol = tlsProtocol;
    }

    /// <summary>The local end point of the connection.</summary>
    public EndPoint? LocalEndPoint => Volatile.Read(ref _disposed) == 0 ? _socket.LocalEndPoint : null;

    /// <summary>The negotiated TLS version, when TLS is used.</summary>
    public string? TlsProtocol { get; }

    /// <summary>Responses read whose transaction id matched no request.</summary>
    public int UnknownTransactionCount => _transactions.UnknownTransactionCount;

    /// <summary>Called on the reader for every STUN indication (e.g. a TURN Data indication); without a handler indications count as unknown transactions.</summary>
    public Action<StunMessage>? IndicationHandler { get; set; }

    /// <summary>Called on the reader for every ChannelData frame: the buffer holds the 4-byte header and the data, without padding, and belongs to the handler.</summary>
    public Action<byte[]>? ChannelDataHandler { get; set; }

    /// <summary>
    /// Connects to <paramref name="remote"/> and, for TLS, completes the handshake naming
    /// <paramref name="tlsHost"/> (SNI and certificate name). With no validation callback the
    /// system's certificate validation decides. Throws <see cref="ProbeException"/> (refused,
    /// unreachable, timeout, TLS failure) or <see cref="OperationCanceledException"/>.
    /// </summary>
    public static Task<StunStreamClient> ConnectAsync(IPEndPoint remote, TransportProtocol protocol, string tlsHost, RemoteCertificateValidationCallback? certificateValidation, TimeSpan timeout, IClock clock, IEngineLog? log, CancellationToken cancellationToken) =>
        ConnectAsync(NewStreamSocket(remote.AddressFamily), remote, protocol, tlsHost, certificateValidation, timeout, clock, log, cancellationToken);

    /// <summary>
    /// As <see cref="ConnectAsync(IPEndPoint, TransportProtocol, string, RemoteCertificateValidationCallback?, TimeSpan, IClock, IEngineLog?, CancellationToken)"/>,
    /// on a new, unconnected TCP <paramref name="socket"/> the caller made (e.g. in another network
    /// namespace); the client owns it from here, also when connecting fails.
    /// </summary>
    public static async Task<StunStreamClient> ConnectAsync(Socket socket, IPEndPoint remote, TransportProtocol protocol, string tlsHost, RemoteCertificateValidationCallback? certificateValidation, TimeSpan timeout, IClock clock, IEngineLog? log, CancellationToken cancellationToken)
    {
        if (socket is null)
        {
            throw new ArgumentNullException(nameof(socket));
        }

        if (protocol == TransportProtocol.Udp)
        {
            socket.Dispose();
            throw new ArgumentException("Use StunUdpClient for UDP.", nameof(protocol));
        }

        log ??= NullEngineLog.Instance;
        socket.NoDelay = true;
        Stream? stream = null;
        try
        {
            var started = clock.Elapsed;
            await StreamConnect.ConnectAsync(socket, remote, timeout, clock, cancellationToken).ConfigureAwait(false);
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
    /// Writes <paramref name="request"/> and waits for the message with the same transaction id,
    /// within <paramref name="timeout"/>.
    /// </summary>
    public async Task<StunTransactionOutcome> ExecuteAsync(byte[] request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (request is null || request.Length < StunHeaderLength)
        {
            throw new ArgumentException("A STUN request of at least 20 bytes is required.", nameof(request));
        }

        ThrowIfDisposed();
        var id = TransactionId.FromBytes(request, 8);
        var receipt = _transactions.Register(id, null);
        try
        {
            var sent = _clock.Elapsed;
            var received = await Deadline.RunAsync(ExchangeAsync(request, id, receipt), timeout, _clock, Dispose, "STUN response from " + _remote, cancellationToken).ConfigureAwait(false);
            var rtt = received.ReceivedAt - sent;
            return new StunTransactionOutcome(received.Response!, _remote, rtt < TimeSpan.Zero ? TimeSpan.Zero : rtt, 1);
        }
        finally
        {
            _transactions.Remove(id);
        }
    }

    /// <summary>Writes one frame outside any transaction: an indication or a padded ChannelData frame (RFC 8656 §11, §12.5).</summary>
    public async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        if (frame is null)
        {
            throw new ArgumentNullException(nameof(frame));
        }

        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        await WriteAsync(frame).ConfigureAwait(false);
        StartReading();
    }

    /// <summary>A new TCP socket of <paramref name="family"/>: the default for the probes' stream socket option.</summary>
    public static Socket NewStreamSocket(AddressFamily family) => new(family, SocketType.Stream, ProtocolType.Tcp);

    /// <summary>Closes the connection; pending transactions end.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stream.Dispose();
            _socket.Dispose();
            _transactions.FailAll(FailureReason.None, "client disposed", _clock.Elapsed);
        }
    }

    private static Task<SslStream> HandshakeAsync(Stream inner, Socket socket, IPEndPoint remote, string tlsHost, RemoteCertificateValidationCallback? certificateValidation, TimeSpan timeout, IClock clock, IEngineLog log, CancellationToken cancellationToken)
    {
        var policyErrors = SslPolicyErrors.None;
        RemoteCertificateValidationCallback validate = (sender, certificate, chain, errors) =>
        {
            policyErrors = errors;
            return certificateValidation != null
                ? certificateValidation(sender, certificate, chain, errors)
                : errors == SslPolicyErrors.None;
        };
        return StreamConnect.TlsAsync(inner, socket.Dispose, remote.ToString(), tlsHost, validate, () => policyErrors == SslPolicyErrors.None ? null : "certificate not accepted (" + policyErrors + ")", timeout, clock, log, cancellationToken);
    }

    private async Task<StunReceipt> ExchangeAsync(byte[] request, TransactionId id, Task<StunReceipt> receipt)
    {
        if (Volatile.Read(ref _readFailure) is ProbeException failed)
        {
            throw new ProbeException(failed.Reason, failed.Message, failed);
        }

        await WriteAsync(request).ConfigureAwait(false);
        _log.Verbose("Sent " + request.Length + "-byte " + StunMessageType.MethodOf(Internal.BigEndian.ReadUInt16(request, 0)) + " request " + id + " over " + (TlsProtocol ?? "TCP") + ".");
        StartReading();
        var received = await receipt.ConfigureAwait(false);
        if (received.Response is null)
        {
            if (received.Failure == FailureReason.None)
            {
                throw new ObjectDisposedException(nameof(StunStreamClient));
            }

            throw new ProbeException(received.Failure, received.FailureMessage ?? received.Failure.ToString());
        }

        return received;
    }

    private async Task WriteAsync(byte[] frame)
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(frame, 0, frame.Length).ConfigureAwait(false);
            await _stream.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException ex) when (Volatile.Read(ref _disposed) == 0)
        {
            throw Classify(ex);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void StartReading()
    {
        if (Interlocked.Exchange(ref _reading, 1) == 0)
        {
            _ = Task.Run(ReadLoopAsync);
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (Volatile.Read(ref _disposed) == 0)
            {
                await ReadFrameAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (Volatile.Read(ref _disposed) == 0 && (ex is ProbeException || ex is IOException || ex is ObjectDisposedException))
        {
            var failure = ex as ProbeException ?? Classify(ex);
            Volatile.Write(ref _readFailure, failure);
            _transactions.FailAll(failure.Reason, failure.Message, _clock.Elapsed);
        }
        catch (Exception) when (Volatile.Read(ref _disposed) != 0)
        {
            // Closed by us: the pending transactions were already ended by Dispose.
        }
    }

    /// <summary>Reads one STUN message (RFC 8489 §6.2.2) or one ChannelData frame (RFC 8656 §12.5) and hands it on.</summary>
    private async Task ReadFrameAsync()
    {
        var start = new byte[ChannelDataHeaderLength];
        await ReadExactlyAsync(start, 0, start.Length).ConfigureAwait(false);
        var length = Internal.BigEndian.ReadUInt16(start, 2);
        switch (start[0] & 0xC0)
        {
            case 0x00:
                var message = new byte[StunHeaderLength + length];
                Buffer.BlockCopy(start, 0, message, 0, start.Length);
                await ReadExactlyAsync(message, start.Length, message.Length - start.Length).ConfigureAwait(false);
                Dispatch(message);
                break;
            case 0x40 when ChannelDataHandler != null:
                var frame = new byte[ChannelDataHeaderLength + length];
                Buffer.BlockCopy(start, 0, frame, 0, start.Length);
                await ReadExactlyAsync(frame, start.Length, length).ConfigureAwait(false);
                var padding = (4 - (length % 4)) % 4;
                if (padding > 0)
                {
                    await ReadExactlyAsync(new byte[padding], 0, padding).ConfigureAwait(false);
                }

                ChannelDataHandler?.Invoke(frame);
                break;
            default:
                throw new ProbeException(FailureReason.ProtocolError, "The server sent data that is not STUN framing (first byte 0x" + start[0].ToString("x2") + ").");
        }
    }

    private void Dispatch(byte[] bytes)
    {
        if (!StunDecoder.TryDecode(bytes, out var message, out var error))
        {
            throw new ProbeException(FailureReason.ProtocolError, "Malformed response: " + error + ".");
        }

        var indication = IndicationHandler;
        if (indication != null && message!.Class == StunClass.Indication)
        {
            indication(message);
            return;
        }

        if (!_transactions.Deliver(message!, _remote, _clock.Elapsed))
        {
            _log.Verbose("Ignored a message with unknown transaction id " + message!.TransactionId + ".");
        }
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

    private static ProbeException Classify(Exception ex)
    {
        var reason = ex.InnerException is SocketException se && se.SocketErrorCode == SocketError.ConnectionReset ? FailureReason.Refused : FailureReason.ProtocolError;
        return new ProbeException(reason, "The connection failed before a response: " + ex.Message, ex);
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(StunStreamClient));
        }
    }
}
