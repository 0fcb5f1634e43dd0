using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TelnyxNet.Engine.Tests.Support.Sip;

/// <summary>
/// A hostile or minimal SIP server over TCP on 127.0.0.1: for each connection it reads the request
/// (up to the blank line) and runs a script with the request text and the stream: write answers,
/// trickle bytes, stay silent, close. Disposing stops it and its connections.
/// </summary>
internal sealed class ScriptedSipTcpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, Stream, CancellationToken, Task> _script;

    public ScriptedSipTcpServer(Func<string, Stream, CancellationToken, Task> script)
    {
        _script = script;
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _ = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The server as a -Server value over TCP.</summary>
    public string Server => "sip:127.0.0.1:" + EndPoint.Port + ";transport=tcp";

    /// <summary>Writes <paramref name="text"/> to <paramref name="stream"/>.</summary>
    public static Task WriteAsync(Stream stream, string text, CancellationToken token) => stream.WriteAsync(Encoding.UTF8.GetBytes(text), token).AsTask();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        var stream = client.GetStream();
                        var request = new StringBuilder();
                        var buffer = new byte[4096];
                        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                        {
                            var read = await stream.ReadAsync(buffer, _stop.Token);
                            if (read == 0)
                            {
                                return;
                            }

                            request.Append(Encoding.UTF8.GetString(buffer, 0, read));
                        }

                        await _script(request.ToString(), stream, _stop.Token);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
                    {
                        // The client went away or the server stopped.
                    }
                }
            });
        }
    }
}
