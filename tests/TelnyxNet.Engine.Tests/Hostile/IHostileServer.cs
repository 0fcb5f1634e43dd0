namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>A running hostile server (or a group of them) that a probe is pointed at.</summary>
internal interface IHostileServer : IDisposable
{
    /// <summary>The value the probe is given as its server (e.g. <c>127.0.0.1:port</c>).</summary>
    string Server { get; }

    /// <summary>Connections not yet ended (always 0 for datagram servers).</summary>
    int Open { get; }
}

/// <summary>Several servers that play one case (e.g. a server and the alternate it redirects to); the probe is pointed at the first.</summary>
internal sealed class HostileServers : IHostileServer
{
    private readonly IReadOnlyList<IHostileServer> _servers;

    public HostileServers(params IHostileServer[] servers) => _servers = servers;

    /// <inheritdoc />
    public string Server => _servers[0].Server;

    /// <inheritdoc />
    public int Open => _servers.Sum(s => s.Open);

    /// <summary>How many servers play the case.</summary>
    public int Count => _servers.Count;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }
    }
}
