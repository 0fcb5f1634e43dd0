using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// A datagram socket driven by the test: it records every send with the clock time, hands out
/// datagrams and socket errors the test injects (or that an auto-responder produces for each
/// send), and can be made to fail sends.
/// </summary>
internal sealed class ScriptedDatagramSocket : IDatagramSocket
{
    /// <summary>The local end point a scripted socket reports unless told otherwise.</summary>
    public static readonly IPEndPoint DefaultLocal = new(IPAddress.Parse("192.168.1.10"), 50000);

    private readonly IClock _clock;
    private readonly Func<byte[], byte[]?>? _responder;
    private readonly Channel<Inbound> _inbound = Channel.CreateUnbounded<Inbound>();
    private readonly object _gate = new();
    private readonly List<SentDatagram> _sent = new();
    private SocketError? _sendError;
    private int _disposed;

    /// <summary>
    /// Creates a socket. <paramref name="responder"/>, when given, sees each sent datagram and
    /// may return a datagram that then arrives from the address the request went to.
    /// </summary>
    public ScriptedDatagramSocket(IClock clock, Func<byte[], byte[]?>? responder = null, IPEndPoint? local = null)
    {
        _clock = clock;
        _responder = responder;
        LocalEndPoint = local ?? DefaultLocal;
    }

    /// <inheritdoc />
    public EndPoint? LocalEndPoint { get; }

    /// <summary>True once disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>How many datagrams were sent.</summary>
    public int SendCount
    {
        get
        {
            lock (_gate)
            {
                return _sent.Count;
            }
        }
    }

    /// <summary>A snapshot of the sends so far, in order.</summary>
    public IReadOnlyList<SentDatagram> Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent.ToList();
            }
        }
    }

    /// <summary>From now on, every send throws a <see cref="SocketException"/> with <paramref name="error"/>.</summary>
    public void FailSendsWith(SocketError error)
    {
        lock (_gate)
        {
            _sendError = error;
        }
    }

    /// <summary>Makes <paramref name="datagram"/> arrive from <paramref name="source"/>.</summary>
    public void Inject(byte[] datagram, EndPoint source) =>
        Enqueue(new Inbound((byte[])datagram.Clone(), source, null));

    /// <summary>Makes the next receive throw a <see cref="SocketException"/> with <paramref name="error"/>.</summary>
    public void InjectError(SocketError error) => Enqueue(new Inbound(null, null, error));

    /// <inheritdoc />
    public Task SendAsync(byte[] datagram, EndPoint remote, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        lock (_gate)
        {
            if (_sendError is { } error)
            {
                throw new SocketException((int)error);
            }

            _sent.Add(new SentDatagram((byte[])datagram.Clone(), remote, _clock.Elapsed));
        }

        var response = _responder?.Invoke((byte[])datagram.Clone());
        if (response != null)
        {
            Inject(response, remote);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ReceivedDatagram> ReceiveAsync(CancellationToken cancellationToken)
    {
        Inbound next;
        try
        {
            next = await _inbound.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(ScriptedDatagramSocket));
        }

        if (next.Error is { } error)
        {
            throw new SocketException((int)error);
        }

        return new ReceivedDatagram(next.Bytes!, next.Bytes!.Length, next.Source!);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _inbound.Writer.TryComplete();
        }
    }

    private void Enqueue(Inbound inbound)
    {
        if (!_inbound.Writer.TryWrite(inbound))
        {
            throw new ObjectDisposedException(nameof(ScriptedDatagramSocket));
        }
    }

    /// <summary>One recorded send.</summary>
    public sealed record SentDatagram(byte[] Bytes, EndPoint Remote, TimeSpan At);

    private sealed record Inbound(byte[]? Bytes, EndPoint? Source, SocketError? Error);
}
