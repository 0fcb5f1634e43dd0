using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TelnyxNet.Servers.Wss;

/// <summary>
/// Kestrel serving WebSockets (RFC 6455) over TLS or plain TCP, with the behaviours the signaling
/// tests need, one per path:
/// <list type="bullet">
/// <item><c>/</c>: accepts, echoes messages, answers Pings (Kestrel does), stays open until the client closes.</item>
/// <item><c>/forbidden</c>: answers the upgrade with 403.</item>
/// <item><c>/close/{ms}</c>: accepts, then after <c>ms</c> closes with 1000 "bye after {ms} ms".</item>
/// <item><c>/abort/{ms}</c>: accepts, then after <c>ms</c> drops the connection without a Close frame.</item>
/// <item><c>/hello</c>: accepts and sends one text message at once.</item>
/// <item><c>/sip</c>: accepts only with the subprotocol <c>sip</c> (RFC 7118), else 400.</item>
/// </list>
/// </summary>
public sealed class WssLabServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _accepted;

    private WssLabServer(WebApplication app, IPEndPoint endPoint, bool secure)
    {
        _app = app;
        EndPoint = endPoint;
        Secure = secure;
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint { get; private set; }

    /// <summary>True over TLS.</summary>
    public bool Secure { get; }

    /// <summary>WebSockets accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>The URI of <paramref name="path"/> at <paramref name="host"/> (default: the listening address).</summary>
    public string Uri(string path = "/", string? host = null) =>
        (Secure ? "wss://" : "ws://") + (host ?? (EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + EndPoint.Address + "]" : EndPoint.Address.ToString())) + ":" + EndPoint.Port + path;

    /// <summary>
    /// Starts Kestrel on <paramref name="endPoint"/> (port 0: any free one), over TLS with
    /// <paramref name="certificate"/> (with its private key; the caller keeps it until the server is disposed) or plain when null. <paramref name="openSocket"/>
    /// makes the listening socket (a lab's server namespace); null for this process's own namespace.
    /// </summary>
    public static async Task<WssLabServer> StartAsync(IPEndPoint endPoint, X509Certificate2? certificate, Func<AddressFamily, Socket>? openSocket = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (openSocket != null && endPoint.Port == 0)
        {
            throw new ArgumentException("A listening socket made elsewhere needs a fixed port.", nameof(endPoint));
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(endPoint, options =>
            {
                options.Protocols = HttpProtocols.Http1;
                if (certificate != null)
                {
                    options.UseHttps(certificate);
                }
            });
        });
        if (openSocket != null)
        {
            builder.WebHost.UseSockets(sockets => sockets.CreateBoundListenSocket = ep =>
            {
                var socket = openSocket(ep.AddressFamily);
                socket.Bind(ep);
                return socket;
            });
        }

        var app = builder.Build();
        var server = new WssLabServer(app, endPoint, certificate != null);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Run(server.ServeAsync);
        await app.StartAsync();
        server.EndPoint = new IPEndPoint(endPoint.Address, new Uri(app.Urls.First().Replace("[::]", "localhost").Replace("0.0.0.0", "localhost")).Port);
        return server;
    }

    /// <summary>Stops Kestrel, ending every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(bound.Token);
        await _app.DisposeAsync();
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken stop)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, stop);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(received.CloseStatus ?? WebSocketCloseStatus.NormalClosure, received.CloseStatusDescription, stop);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, stop);
        }
    }

    /// <summary>One request: the behaviour its path names (see the class).</summary>
    private Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var parts = path.Trim('/').Split('/');
        var ms = parts.Length == 2 && int.TryParse(parts[1], out var value) ? value : -1;
        switch (parts[0])
        {
            case "forbidden":
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            case "close" when ms >= 0:
                return AcceptAsync(context, null, async (socket, stop) =>
                {
                    await Task.Delay(ms, stop);
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye after " + ms + " ms", stop);
                });
            case "abort" when ms >= 0:
                return AcceptAsync(context, null, async (_, stop) =>
                {
                    await Task.Delay(ms, stop);
                    context.Abort();
                });
            case "hello":
                return AcceptAsync(context, null, async (socket, stop) =>
                {
                    await socket.SendAsync("hello from the lab"u8.ToArray(), WebSocketMessageType.Text, true, stop);
                    await EchoAsync(socket, stop);
                });
            case "sip":
                if (!context.WebSockets.WebSocketRequestedProtocols.Contains("sip"))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return Task.CompletedTask;
                }

                return AcceptAsync(context, "sip", EchoAsync);
            case "":
                return AcceptAsync(context, null, EchoAsync);
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
        }
    }

    private async Task AcceptAsync(HttpContext context, string? subProtocol, Func<WebSocket, CancellationToken, Task> behaviour)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(subProtocol);
        Interlocked.Increment(ref _accepted);
        try
        {
            await behaviour(socket, context.RequestAborted);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away: nothing to serve.
        }
    }
}
