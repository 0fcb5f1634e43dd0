using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// The end of every TCP and TLS connection the engine opens, so that the server sees an orderly
/// close and not a reset (issue 13: a monitored server's log fills with "connection reset by peer"
/// otherwise): TLS close_notify (RFC 8446 §6.1), then FIN (shutdown of the sending side), then a
/// drain until the server closes its side, at most <see cref="Limit"/> in all; the caller then
/// closes the socket. Data left unread when a socket closes makes the kernel send a reset, which
/// is why the drain reads what the server still sends. Never throws.
/// </summary>
internal static class OrderlyClose
{
    /// <summary>How long the close may wait for close_notify to go out and for the server to close its side before the connection is cut.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Ends <paramref name="socket"/>'s connection in order. <paramref name="stream"/> is the stream
    /// over it (an <see cref="SslStream"/> for TLS) or null; <paramref name="drain"/> is what already
    /// reads the rest (a reader of the caller's own), or null to read and drop from the stream (or the
    /// socket) until the end. A socket that never connected is left as it is.
    /// </summary>
    public static async Task EndAsync(Socket socket, Stream? stream, IClock clock, Func<Task>? drain = null)
    {
        try
        {
            if (!socket.Connected)
            {
                return;
            }

            var limit = clock.Delay(Limit, CancellationToken.None);
            if (stream is SslStream ssl && TlsShutdown(ssl) is Task notify)
            {
                await Task.WhenAny(notify, limit).ConfigureAwait(false);
                TaskWaits.Abandon(notify);
            }

            socket.Shutdown(SocketShutdown.Send);
            var rest = drain?.Invoke() ?? DrainAsync(socket, stream);
            await Task.WhenAny(rest, limit).ConfigureAwait(false);
            TaskWaits.Abandon(rest);
        }
        catch (Exception ex) when (ex is SocketException || ex is IOException || ex is ObjectDisposedException || ex is InvalidOperationException)
        {
            // The connection is already broken: closing it is all that is left.
        }
    }

    /// <summary>
    /// SslStream.ShutdownAsync (TLS close_notify; .NET Framework 4.7+ and .NET Core 2.0+), which
    /// netstandard2.0's surface lacks; null where the running framework has none.
    /// </summary>
    private static Task? TlsShutdown(SslStream ssl) =>
        typeof(SslStream).GetMethod("ShutdownAsync", Type.EmptyTypes)?.Invoke(ssl, null) as Task;

    private static async Task DrainAsync(Socket socket, Stream? stream)
    {
        var buffer = new byte[4096];
        while ((stream != null
            ? await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)
            : await socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None).ConfigureAwait(false)) > 0)
        {
        }
    }
}
