using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Internal;
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
    private Task _reader = Task.CompletedTask;
    private string? _stalledFrame;
    private long _framesRead;
    private int _reading;
    private int _closing;
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

    /// <summary>How long <see cref="CloseAsync"/> waits for the server to close its side before cutting the connection.</summary>
    public static TimeSpan GracefulCloseLimit => OrderlyClose.Limit;

    /// <summary>Responses read whose transaction id matched no request.</summary>
    public int UnknownTransactionCount => _transactions.UnknownTransactionCount;

    /// <summary>Messages for a pending request that were discarded: undecodable, or failing the request's checks (RFC 8489 §6.3).</summary>
    public int DiscardedCount => _transactions.DiscardedCount;

    /// <summary>Frames read in all (STUN messages and ChannelData), kept or dropped.</summary>
    public long FramesRead => Interlocked.Read(ref _framesRead);

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
    /// within <paramref name="timeout"/>. A message for it that does not decode, or that
    /// <paramref name="check"/> rejects (it returns why), is discarded and the wait goes on (RFC 8489 §6.3).
    /// Failures after the connection was up say so (<see cref="ProbeException.Connected"/>).
    /// </summary>
    public async Task<StunTransactionOutcome> ExecuteAsync(byte[] request, TimeSpan timeout, CancellationToken cancellationToken, Func<StunMessage, string?>? check = null)
    {
        if (request is null || request.Length < StunHeaderLength)
        {
            throw new ArgumentException("A STUN request of at least 20 bytes is required.", nameof(request));
        }

        ThrowIfDisposed();
        var id = TransactionId.FromBytes(request, 8);
        var receipt = _transactions.Register(id, null, check);
        var sent = _clock.Elapsed;
        (int Count, string? LastReason) discards = (0, null);
        void Abort()
        {
            // What was discarded must be read before closing ends the transaction.
            discards = _transactions.DiscardsOf(id);
            Dispose();
        }

        try
        {
            var received = await Deadline.RunAsync(ExchangeAsync(request, id, receipt), timeout, _clock, Abort, "STUN response from " + _remote, cancellationToken).ConfigureAwait(false);
            var rtt = received.ReceivedAt - sent;
            return new StunTransactionOutcome(received.Response!, _remote, rtt < TimeSpan.Zero ? TimeSpan.Zero : rtt, 1);
        }
        catch (ProbeException ex) when (ex.Reason == FailureReason.Timeout)
        {
            throw NoAnswer(discards, _clock.Elapsed - sent, ex);
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

    /// <summary>
    /// Closes the connection gracefully, so that the server sees an orderly end and not a reset:
    /// TLS close_notify, then FIN (shutdown of the sending side), then a drain until the server
    /// closes its side, at most <see cref="GracefulCloseLimit"/>, then the socket is closed. A
    /// server that never closes is cut off at the limit. Never throws.
    /// </summary>
    public async Task CloseAsync()
    {
        if (Volatile.Read(ref _disposed) != 0 || Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        try
        {
            await OrderlyClose.EndAsync(_socket, _stream, _clock, () =>
            {
                StartReading();
                return _reader;
            }).ConfigureAwait(false);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Closes the connection at once; pending transactions end.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stream.Dispose();
            _socket.Dispose();
            _transactions.FailAll(FailureReason.None, "client disposed", _clock.Elapsed);
        }
    }

    /// <summary>The TLS handshake over <paramref name="inner"/> naming <paramref name="tlsHost"/> (SNI and the certificate name), within <paramref name="timeout"/>, with the system's validation unless <paramref name="certificateValidation"/> decides; a failure is a <see cref="ProbeException"/> with <see cref="FailureReason.TlsFailure"/>.</summary>
    internal static Task<SslStream> HandshakeAsync(Stream inner, Socket socket, IPEndPoint remote, string tlsHost, RemoteCertificateValidationCallback? certificateValidation, TimeSpan timeout, IClock clock, IEngineLog log, CancellationToken cancellationToken)
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
        _log.Verbose("Sent " + request.Length + "-byte " + StunMessageType.MethodOf(BigEndian.ReadUInt16(request, 0)) + " request " + id + " over " + (TlsProtocol ?? "TCP") + ".");
        StartReading();
        var received = await receipt.ConfigureAwait(false);
        if (received.Response is null)
        {
            if (received.Failure == FailureReason.None)
            {
                throw new ObjectDisposedException(nameof(StunStreamClient));
            }

            throw new ProbeException(received.Failure, received.FailureMessage ?? received.Failure.ToString()) { Connected = true };
        }

        return received;
    }

    /// <summary>Why no valid answer came in <paramref name="waited"/> on a connection that was up: only invalid ones, a frame that stalled, or nothing at all.</summary>
    private ProbeException NoAnswer((int Count, string? LastReason) discards, TimeSpan waited, ProbeException timeout)
    {
        var over = "TCP connected to " + _remote + (TlsProtocol is null ? string.Empty : " (" + TlsProtocol + ")") + ", but ";
        var (discarded, why) = discards;
        if (discarded > 0)
        {
            return new ProbeException(FailureReason.ProtocolError, over + "every answer to the request failed the checks (" + why + "): " + discarded + " discarded, no valid STUN answer in " + Seconds(waited) + " s.", timeout) { Connected = true };
        }

        var stalled = Volatile.Read(ref _stalledFrame);
        var ignored = _transactions.UnknownTransactionCount;
        var detail = stalled != null ? "the server announced " + stalled + " and stopped sending"
            : ignored > 0 ? "the server sent only messages for other transactions (" + ignored + " ignored)"
            : "the server sent nothing";
        return new ProbeException(FailureReason.Timeout, over + "no STUN answer came in " + Seconds(waited) + " s: " + detail + ".", timeout) { Connected = true };
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
            _reader = Task.Run(ReadLoopAsync);
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
        catch (Exception ex) when (Volatile.Read(ref _disposed) == 0 && Volatile.Read(ref _closing) == 0 && (ex is ProbeException || ex is IOException || ex is ObjectDisposedException))
        {
            var failure = ex as ProbeException ?? Classify(ex);
            Volatile.Write(ref _readFailure, failure);
            _transactions.FailAll(failure.Reason, failure.Message, _clock.Elapsed);
        }
        catch (Exception) when (Volatile.Read(ref _disposed) != 0 || Volatile.Read(ref _closing) != 0)
        {
            // Closed by us (or the server's orderly close answering ours): nothing is pending any more.
        }
    }

    /// <summary>
    /// Reads one STUN message (RFC 8489 §6.2.2) or one ChannelData frame (RFC 8656 §12.5) and
    /// hands it on; what matches nothing is dropped as it is read, so a server that streams junk
    /// costs one frame's buffer at a time. A STUN length that is not a multiple of 4 (§5) breaks
    /// the framing and ends the connection's reading at once.
    /// </summary>
    private async Task ReadFrameAsync()
    {
        var start = new byte[ChannelDataHeaderLength];
        await ReadExactlyAsync(start, 0, start.Length, null).ConfigureAwait(false);
        var length = BigEndian.ReadUInt16(start, 2);
        switch (start[0] & 0xC0)
        {
            case 0x00:
                if (length % 4 != 0)
                {
                    throw new ProbeException(FailureReason.ProtocolError, "The server sent a STUN frame whose length (" + length + ") is not a multiple of 4 (RFC 8489 §5): not STUN framing.") { Connected = true };
                }

                var message = new byte[StunHeaderLength + length];
                Buffer.BlockCopy(start, 0, message, 0, start.Length);
                await ReadExactlyAsync(message, start.Length, message.Length - start.Length, "a " + message.Length + "-byte STUN message").ConfigureAwait(false);
                Interlocked.Increment(ref _framesRead);
                Dispatch(message);
                break;
            case 0x40 when ChannelDataHandler != null:
                var frame = new byte[ChannelDataHeaderLength + length];
                Buffer.BlockCopy(start, 0, frame, 0, start.Length);
                var padding = (4 - (length % 4)) % 4;
                await ReadExactlyAsync(frame, start.Length, length, "a " + frame.Length + "-byte ChannelData frame").ConfigureAwait(false);
                if (padding > 0)
                {
                    await ReadExactlyAsync(new byte[padding], 0, padding, "the padding of a ChannelData frame").ConfigureAwait(false);
                }

                Interlocked.Increment(ref _framesRead);
                ChannelDataHandler?.Invoke(frame);
                break;
            default:
                throw new ProbeException(FailureReason.ProtocolError, "The server sent data that is not STUN framing (first byte 0x" + start[0].ToString("x2") + ").") { Connected = true };
        }
    }

    private void Dispatch(byte[] bytes)
    {
        if (!StunDecoder.TryDecode(bytes, out var message, out var error))
        {
            var pending = BigEndian.ReadUInt32(bytes, 4) == StunMessage.MagicCookie && _transactions.Discard(TransactionId.FromBytes(bytes, 8), _remote, "malformed: " + error);
            _log.Verbose(pending
                ? "Discarded a " + bytes.Length + "-byte message for a pending request that is not valid STUN (" + error + ", RFC 8489 §6.3); still waiting for a valid answer."
                : "Dropped a " + bytes.Length + "-byte message that is not valid STUN (" + error + ").");
            return;
        }

        var indication = IndicationHandler;
        if (indication != null && message!.Class == StunClass.Indication)
        {
            indication(message);
            return;
        }

        switch (_transactions.Deliver(message!, _remote, _clock.Elapsed))
        {
            case StunDelivery.Unmatched:
                _log.Verbose("Ignored a message with unknown transaction id " + message!.TransactionId + ".");
                break;
            case StunDelivery.Discarded:
                _log.Verbose("Discarded an answer to request " + message!.TransactionId + " that fails the checks (RFC 8489 §6.3): " + _transactions.DiscardsOf(message.TransactionId).LastReason + "; still waiting for a valid one.");
                break;
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; while it waits for <paramref name="what"/> (a frame's body), a stall is reported as that frame.</summary>
    private async Task ReadExactlyAsync(byte[] buffer, int offset, int count, string? what)
    {
        Volatile.Write(ref _stalledFrame, what);
        while (count > 0)
        {
            var read = await _stream.ReadAsync(buffer, offset, count).ConfigureAwait(false);
            if (read == 0)
            {
                throw new ProbeException(FailureReason.ProtocolError, "The server closed the connection without a complete STUN response" + (what is null ? "." : " (in the middle of " + what + ").")) { Connected = true };
            }

            offset += read;
            count -= read;
        }

        Volatile.Write(ref _stalledFrame, null);
    }

    private static ProbeException Classify(Exception ex) => StreamConnect.IsReset(ex)
        ? new ProbeException(FailureReason.ConnectionReset, "The connection was reset after it was accepted, before an answer (" + ex.Message + ").", ex) { Connected = true }
        : new ProbeException(FailureReason.ProtocolError, "The connection failed before a response: " + ex.Message, ex) { Connected = true };

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture);

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(StunStreamClient));
        }
    }
}
