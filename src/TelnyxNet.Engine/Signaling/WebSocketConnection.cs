using System.Collections.Concurrent;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Internal;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Signaling;

/// <summary>How the server ended the connection: a Close frame (its code and reason), or the stream ending, being reset or breaking the framing.</summary>
internal sealed class PeerClose
{
    public PeerClose(int? code, string reason, TimeSpan at, ProbeException? failure)
    {
        Code = code;
        Reason = reason;
        At = at;
        Failure = failure;
    }

    /// <summary>The status code: the Close frame's, 1005 for a Close frame without one, 1006 when no Close frame came (RFC 6455 §7.1.5).</summary>
    public int? Code { get; }

    /// <summary>The Close frame's reason text.</summary>
    public string Reason { get; }

    /// <summary>When, on the connection's clock.</summary>
    public TimeSpan At { get; }

    /// <summary>Why the connection ended without a Close frame (ClosedEarly) or broke the protocol (ProtocolError); null for a Close frame.</summary>
    public ProbeException? Failure { get; }
}

/// <summary>
/// An open WebSocket as the client of RFC 6455: a reader that answers the server's Pings with
/// Pongs (§5.5.2), hands Pongs to the Ping that asked (§5.5.3, unsolicited ones ignored), counts
/// data messages and drops them, and on a Close frame answers with a Close echoing its code
/// (§5.5.1); Pings of its own with an 8-byte counter as payload; and the closing handshake (§7).
/// Every write is masked (§5.3). Disposing closes the stream.
/// </summary>
internal sealed class WebSocketConnection : IDisposable
{
    private const int NormalClosure = 1000;
    private const int NoStatusReceived = 1005;
    private const int AbnormalClosure = 1006;
    private readonly Stream _stream;
    private readonly IClock _clock;
    private readonly IEngineLog _log;
    private readonly string _peer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly RandomNumberGenerator _random = RandomNumberGenerator.Create();
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<TimeSpan>> _pings = new();
    private readonly TaskCompletionSource<PeerClose> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _pingCounter;
    private int _closeSent;
    private int _messages;
    private int _disposed;

    public WebSocketConnection(Stream stream, IClock clock, IEngineLog log, string peer)
    {
        _stream = stream;
        _clock = clock;
        _log = log;
        _peer = peer;
    }

    /// <summary>Completes when the server closed, the stream ended or the framing broke.</summary>
    public Task<PeerClose> Ended => _ended.Task;

    /// <summary>Data messages (text or binary, fragments counted once) the server sent.</summary>
    public int MessagesReceived => Volatile.Read(ref _messages);

    /// <summary>Starts reading frames.</summary>
    public void Start() => _ = Task.Run(ReadLoopAsync);

    /// <summary>
    /// Sends a Ping and waits up to <paramref name="wait"/> for its Pong: the round trip, or null when
    /// none came in time or the connection ended first (see <see cref="Ended"/>).
    /// </summary>
    public async Task<TimeSpan?> PingAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var number = (ulong)Interlocked.Increment(ref _pingCounter);
        var payload = new byte[8];
        BigEndian.WriteUInt32(payload, 0, (uint)(number >> 32));
        BigEndian.WriteUInt32(payload, 4, (uint)number);
        var pong = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pings[number] = pong;
        try
        {
            var sent = _clock.Elapsed;
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var waited = _clock.Delay(wait, stopWaiting.Token);
            if (!await WriteWithinAsync(WebSocketOpcode.Ping, payload, waited).ConfigureAwait(false))
            {
                stopWaiting.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }

            var first = await Task.WhenAny(pong.Task, _ended.Task, waited).ConfigureAwait(false);
            stopWaiting.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            if (first != pong.Task)
            {
                return null;
            }

            var rtt = await pong.Task.ConfigureAwait(false) - sent;
            _log.Verbose("Pong " + number + " from " + _peer + " in " + rtt.TotalMilliseconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " ms.");
            return rtt < TimeSpan.Zero ? TimeSpan.Zero : rtt;
        }
        finally
        {
            _pings.TryRemove(number, out _);
        }
    }

    /// <summary>
    /// The closing handshake (§7.1.2): a Close with 1000, then up to <paramref name="wait"/> for the
    /// server's Close. Returns how the server ended the connection, or null when it did not in time.
    /// </summary>
    public async Task<PeerClose?> CloseAsync(TimeSpan wait)
    {
        using var stopWaiting = new CancellationTokenSource();
        var waited = _clock.Delay(wait, stopWaiting.Token);
        if (!_ended.Task.IsCompleted && Interlocked.Exchange(ref _closeSent, 1) == 0)
        {
            _log.Verbose("Closing the WebSocket to " + _peer + " (1000).");
            await WriteWithinAsync(WebSocketOpcode.Close, WebSocketFrames.ClosePayload(NormalClosure, "TelnyxNet test complete"), waited).ConfigureAwait(false);
        }

        var first = await Task.WhenAny(_ended.Task, waited).ConfigureAwait(false);
        stopWaiting.Cancel();
        return first == _ended.Task ? await _ended.Task.ConfigureAwait(false) : null;
    }

    /// <summary>Closes the stream; the reader ends.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stream.Dispose();
            _random.Dispose();
            _ended.TrySetResult(new PeerClose(AbnormalClosure, string.Empty, _clock.Elapsed, new ProbeException(FailureReason.ClosedEarly, "the connection was closed by this test")));
        }
    }

    private async Task ReadLoopAsync()
    {
        var reader = new WebSocketFrames.Reader(_stream);
        try
        {
            while (true)
            {
                var frame = await reader.ReadAsync().ConfigureAwait(false);
                switch (frame.Opcode)
                {
                    case WebSocketOpcode.Ping:
                        await TryWriteAsync(WebSocketOpcode.Pong, frame.Payload).ConfigureAwait(false);
                        break;
                    case WebSocketOpcode.Pong:
                        if (frame.Payload.Length == 8 && _pings.TryGetValue(BigEndian.ReadUInt64(frame.Payload, 0), out var pong))
                        {
                            pong.TrySetResult(_clock.Elapsed);
                        }

                        break;
                    case WebSocketOpcode.Close:
                        await OnCloseAsync(frame).ConfigureAwait(false);
                        return;
                    default:
                        if (frame.Fin)
                        {
                            Interlocked.Increment(ref _messages);
                        }

                        break;
                }
            }
        }
        catch (ProbeException ex)
        {
            var code = ex.Reason == FailureReason.ClosedEarly ? AbnormalClosure : (int?)null;
            _ended.TrySetResult(new PeerClose(code, string.Empty, _clock.Elapsed, ex));
        }
        catch (Exception ex) when (Volatile.Read(ref _disposed) != 0 && (ex is ObjectDisposedException || ex is IOException))
        {
            // Closed by this side: Dispose has already ended the connection.
        }
    }

    /// <summary>A Close frame (§5.5.1): no body, or a 2-byte code and a UTF-8 reason; answered with a Close echoing the code.</summary>
    private async Task OnCloseAsync(WebSocketFrame frame)
    {
        var at = _clock.Elapsed;
        if (frame.Payload.Length == 1)
        {
            _ended.TrySetResult(new PeerClose(null, string.Empty, at, new ProbeException(FailureReason.ProtocolError, "the server sent a 1-byte Close body; a Close body starts with a 2-byte status code (RFC 6455 §5.5.1).")));
            return;
        }

        var code = frame.Payload.Length >= 2 ? BigEndian.ReadUInt16(frame.Payload, 0) : NoStatusReceived;
        var reason = frame.Payload.Length > 2 ? Encoding.UTF8.GetString(frame.Payload, 2, frame.Payload.Length - 2) : string.Empty;
        _log.Verbose(_peer + " sent Close " + code + (reason.Length > 0 ? " '" + reason + "'" : string.Empty) + ".");
        if (Interlocked.Exchange(ref _closeSent, 1) == 0)
        {
            await TryWriteAsync(WebSocketOpcode.Close, frame.Payload.Length >= 2 ? WebSocketFrames.ClosePayload(code, string.Empty) : Array.Empty<byte>()).ConfigureAwait(false);
        }

        _ended.TrySetResult(new PeerClose(code, reason, at, null));
    }

    /// <summary>
    /// Writes one masked frame unless <paramref name="waited"/> ends first: a server that reads
    /// nothing fills the connection's buffers, and then a write (ours, or the reader's Pong that
    /// holds the write gate) never completes. False when the write did not complete in time (it is
    /// left to fail when the connection is disposed) or the connection is gone.
    /// </summary>
    private async Task<bool> WriteWithinAsync(WebSocketOpcode opcode, byte[] payload, Task waited)
    {
        var write = TryWriteAsync(opcode, payload);
        if (await Task.WhenAny(write, waited).ConfigureAwait(false) == write)
        {
            return await write.ConfigureAwait(false);
        }

        _log.Verbose("A " + opcode + " to " + _peer + " could not be written in time: the server reads nothing, and the connection's buffers are full.");
        return false;
    }

    /// <summary>Writes one masked frame; false when the connection is already gone.</summary>
    private async Task<bool> TryWriteAsync(WebSocketOpcode opcode, byte[] payload)
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return false;
            }

            var mask = new byte[4];
            _random.GetBytes(mask);
            var frame = WebSocketFrames.Encode(opcode, payload, mask);
            await _stream.WriteAsync(frame, 0, frame.Length).ConfigureAwait(false);
            await _stream.FlushAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is NotSupportedException)
        {
            _ended.TrySetResult(new PeerClose(AbnormalClosure, string.Empty, _clock.Elapsed, new ProbeException(FailureReason.ClosedEarly, "writing to the connection failed (" + ex.Message + ")", ex)));
            return false;
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
