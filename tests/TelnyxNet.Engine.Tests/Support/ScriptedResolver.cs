using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Dns;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// A resolver that answers from a script: addresses per host, a socket error, or no answer at
/// all (until the caller's token is cancelled). Hosts not in the script are not found.
/// </summary>
internal sealed class ScriptedResolver : IHostResolver
{
    private readonly ConcurrentDictionary<string, Func<CancellationToken, Task<IPAddress[]>>> _script = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _queries = new();

    /// <summary>The hosts asked for, in order.</summary>
    public IReadOnlyList<string> Queries => _queries.ToList();

    /// <summary><paramref name="host"/> resolves to <paramref name="addresses"/> (text form).</summary>
    public ScriptedResolver Answer(string host, params string[] addresses)
    {
        var parsed = addresses.Select(IPAddress.Parse).ToArray();
        _script[host] = _ => Task.FromResult((IPAddress[])parsed.Clone());
        return this;
    }

    /// <summary>Resolving <paramref name="host"/> throws a <see cref="SocketException"/> with <paramref name="error"/> (HostNotFound, TryAgain, …).</summary>
    public ScriptedResolver Fail(string host, SocketError error)
    {
        _script[host] = _ => Task.FromException<IPAddress[]>(new SocketException((int)error));
        return this;
    }

    /// <summary>Resolving <paramref name="host"/> never completes on its own; only the caller's token ends it.</summary>
    public ScriptedResolver Hang(string host)
    {
        _script[host] = async token =>
        {
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
            return Array.Empty<IPAddress>();
        };
        return this;
    }

    /// <inheritdoc />
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        _queries.Enqueue(host);
        return _script.TryGetValue(host, out var answer)
            ? answer(cancellationToken)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
