using System.Net;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// A TCP server on 127.0.0.1 that plays a server speaking the wrong protocol: for each connection
/// it reads what the client sends first, writes <c>answer</c>, and keeps the connection open until
/// the client closes it (so the client sees the bytes, not a reset). Disposing stops it.
/// </summary>
internal sealed class LoopbackTcpServer : IDisposable
{
    private readonly ScriptedTcpServer _server;

    /// <summary>Listens on an ephemeral port on 127.0.0.1.</summary>
    public LoopbackTcpServer(byte[] answer) =>
        _server = new ScriptedTcpServer(async (connection, token) =>
        {
            if (await connection.ReceiveAsync(new byte[4096], token) == 0)
            {
                return;
            }

            await connection.SendAsync(answer, token);
            await connection.DrainAsync(token);
        });

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint => _server.EndPoint;

    /// <summary><c>127.0.0.1:port</c>, as a STUN server value.</summary>
    public string Server => "127.0.0.1:" + EndPoint.Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => _server.Accepted;

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();
}
