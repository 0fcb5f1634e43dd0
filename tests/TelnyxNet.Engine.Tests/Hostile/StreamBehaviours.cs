namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Named behaviours of a <see cref="HostileStreamServer"/>, for any stream protocol. The protocol
/// supplies how to read its request (<c>read</c>: one STUN frame, an HTTP or SIP head, a DNS
/// message) and how to make an answer from it. When a behaviour returns, the server waits for the
/// client to end the connection. Behaviours chain with <see cref="Then"/> (a WebSocket upgrade,
/// then what the open WebSocket does).
/// </summary>
internal static class StreamBehaviours
{
    /// <summary>Reads one STUN-framed message (20-byte header with the length at offset 2).</summary>
    public static Func<StreamExchange, Task<byte[]?>> StunFrame { get; } = exchange => exchange.ReadFrameAsync(20);

    /// <summary>Reads whatever arrives first.</summary>
    public static Func<StreamExchange, Task<byte[]?>> FirstBytes { get; } = exchange => exchange.ReadAsync();

    /// <summary>Reads a request head up to its empty line: an HTTP CONNECT or WebSocket upgrade request, a SIP request over TCP or TLS.</summary>
    public static Func<StreamExchange, Task<byte[]?>> Head { get; } = exchange => exchange.ReadHeadAsync();

    /// <summary>Reads one message with a 16-bit length prefix: a DNS query over TCP.</summary>
    public static Func<StreamExchange, Task<byte[]?>> LengthPrefixed { get; } = exchange => exchange.ReadPrefixedAsync();

    /// <summary>Reads nothing: the request was read by the behaviour before (see <see cref="Then"/>); the answer maker gets no bytes.</summary>
    public static Func<StreamExchange, Task<byte[]?>> Nothing { get; } = _ => Task.FromResult<byte[]?>(Array.Empty<byte>());

    /// <summary>Plays <paramref name="first"/>, then <paramref name="then"/> on the same connection, unless the first ended it.</summary>
    public static StreamBehaviour Then(StreamBehaviour first, StreamBehaviour then) => async exchange =>
    {
        await first(exchange);
        if (!exchange.TookOver)
        {
            await then(exchange);
        }
    };

    /// <summary>Accepts, reads the request and then sends nothing.</summary>
    public static StreamBehaviour SilenceAfterAccept(Func<StreamExchange, Task<byte[]?>> read) => async exchange => await read(exchange);

    /// <summary>Reads the request and writes what <paramref name="answer"/> makes of it.</summary>
    public static StreamBehaviour Answer(Func<StreamExchange, Task<byte[]?>> read, Func<byte[], byte[]> answer) => async exchange =>
    {
        if (await read(exchange) is byte[] request)
        {
            await exchange.WriteAsync(answer(request));
        }
    };

    /// <summary>Reads each request and answers it, for as many requests as the client sends.</summary>
    public static StreamBehaviour AnswerEach(Func<StreamExchange, Task<byte[]?>> read, Func<byte[], byte[]> answer) => async exchange =>
    {
        while (await read(exchange) is byte[] request)
        {
            await exchange.WriteAsync(answer(request));
        }
    };

    /// <summary>Writes the answer one byte at a time, <paramref name="pause"/> apart.</summary>
    public static StreamBehaviour Trickle(Func<StreamExchange, Task<byte[]?>> read, Func<byte[], byte[]> answer, TimeSpan pause) => async exchange =>
    {
        if (await read(exchange) is byte[] request)
        {
            await exchange.TrickleAsync(answer(request), pause);
        }
    };

    /// <summary>Writes the first <paramref name="bytes"/> bytes of the answer (its header announcing the rest) and then nothing: a stalled frame.</summary>
    public static StreamBehaviour AnnounceAndStall(Func<StreamExchange, Task<byte[]?>> read, Func<byte[], byte[]> answer, int bytes) => async exchange =>
    {
        if (await read(exchange) is byte[] request)
        {
            await exchange.WriteAsync(answer(request).Take(bytes).ToArray());
        }
    };

    /// <summary>Writes the first <paramref name="bytes"/> bytes of the answer, then closes: a truncated frame.</summary>
    public static StreamBehaviour TruncateAndClose(Func<StreamExchange, Task<byte[]?>> read, Func<byte[], byte[]> answer, int bytes) => async exchange =>
    {
        if (await read(exchange) is byte[] request)
        {
            await exchange.WriteAsync(answer(request).Take(bytes).ToArray());
            exchange.Close();
        }
    };

    /// <summary>After the request, writes what <paramref name="answer"/> makes, again and again, until the client goes or the server stops: an endless stream.</summary>
    public static StreamBehaviour Endless(Func<StreamExchange, Task<byte[]?>> read, Func<byte[], byte[]> answer) => async exchange =>
    {
        if (await read(exchange) is byte[] request)
        {
            try
            {
                while (!exchange.Stopping.IsCancellationRequested)
                {
                    await exchange.WriteAsync(answer(request));
                    exchange.Written++;
                }
            }
            catch (Exception ex) when (ex is System.IO.IOException or ObjectDisposedException)
            {
                exchange.Close();
            }
        }
    };

    /// <summary>Resets the connection as soon as it is accepted.</summary>
    public static StreamBehaviour ResetAfterAccept { get; } = exchange =>
    {
        exchange.Reset();
        return Task.CompletedTask;
    };

    /// <summary>Reads the request, then closes the connection in an orderly way without answering.</summary>
    public static StreamBehaviour CloseAfterRequest(Func<StreamExchange, Task<byte[]?>> read) => async exchange =>
    {
        await read(exchange);
        exchange.Close();
    };

    /// <summary>Reads the request, then resets the connection.</summary>
    public static StreamBehaviour ResetAfterRequest(Func<StreamExchange, Task<byte[]?>> read) => async exchange =>
    {
        await read(exchange);
        exchange.Reset();
    };

    /// <summary>Answers, then never closes and never reads again: the client must end the connection itself.</summary>
    public static StreamBehaviour NeverClose(Func<StreamExchange, Task<byte[]?>> read, Func<byte[], byte[]> answer) => async exchange =>
    {
        if (await read(exchange) is byte[] request)
        {
            await exchange.WriteAsync(answer(request));
        }

        await exchange.HoldAsync();
    };
}
