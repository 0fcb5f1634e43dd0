using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// The allocation oracle: coturn's telnet admin CLI (<c>--cli-ip --cli-port --cli-password</c>).
/// Its <c>ps</c> lists the admin thread's session table, which each relay thread updates as an
/// allocation is made, refreshed and deleted: a session appears as soon as an Allocate succeeds
/// and leaves when coturn deletes the allocation (a Refresh with LIFETIME 0 sets it to expire in
/// 1 s, so about 1 s later; a TCP or TLS connection closing: at once; otherwise when its lifetime
/// runs out). A 401 challenge, a wrong password or a 486 leave no session.
/// </summary>
public sealed partial class CoturnAdmin
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);
    private readonly string _password;

    /// <summary>A client of the CLI at <paramref name="endPoint"/>.</summary>
    public CoturnAdmin(IPEndPoint endPoint, string password)
    {
        EndPoint = endPoint;
        _password = password;
    }

    /// <summary>Where the CLI listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>
    /// How many allocations coturn holds, of <paramref name="user"/> (exact name) or of everyone:
    /// the CLI's own <c>Total sessions</c> count, which also counts what its output limit leaves out.
    /// </summary>
    public async Task<int> AllocationCountAsync(string? user = null)
    {
        var output = await RunAsync(user is null ? "ps" : "ps " + user).ConfigureAwait(false);
        var total = TotalPattern().Match(output);
        if (!total.Success)
        {
            throw new InvalidDataException("coturn's CLI printed no session total for ps:" + Environment.NewLine + output);
        }

        return int.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Polls <see cref="AllocationCountAsync"/> every 50 ms until it is <paramref name="expected"/>
    /// or <paramref name="limit"/> (default 10 s) runs out; returns the last count seen.
    /// </summary>
    public Task<int> WaitForAllocationCountAsync(int expected, string? user = null, TimeSpan? limit = null) =>
        WaitForAllocationsAsync(count => count == expected, user, limit);

    /// <summary>
    /// Polls <see cref="AllocationCountAsync"/> every 50 ms until <paramref name="until"/> holds
    /// or <paramref name="limit"/> (default 10 s) runs out; returns the last count seen.
    /// </summary>
    public async Task<int> WaitForAllocationsAsync(Func<int, bool> until, string? user = null, TimeSpan? limit = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var count = await AllocationCountAsync(user).ConfigureAwait(false);
            if (until(count) || watch.Elapsed > (limit ?? TimeSpan.FromSeconds(10)))
            {
                return count;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the allocation of session <paramref name="id"/> at once, as coturn's <c>cs</c> does (the client is not told).</summary>
    public Task CancelAsync(string id) => RunAsync("cs " + id);

    /// <summary>The allocations coturn holds, of <paramref name="user"/> (exact name) or of everyone.</summary>
    public async Task<IReadOnlyList<CoturnSession>> SessionsAsync(string? user = null) =>
        Parse(await RunAsync(user is null ? "ps" : "ps " + user).ConfigureAwait(false));

    /// <summary>Logs in, runs one command, and returns what it printed up to the next prompt (5 s bound).</summary>
    public async Task<string> RunAsync(string command)
    {
        using var bound = new CancellationTokenSource(Limit);
        using var socket = new Socket(EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(EndPoint, bound.Token).ConfigureAwait(false);
            var reader = new PromptReader(socket, bound.Token);
            await reader.ReadUntilAsync(text => text.Contains("Enter password:", StringComparison.Ordinal)).ConfigureAwait(false);
            await SendLineAsync(socket, _password, bound.Token).ConfigureAwait(false);
            await reader.ReadUntilAsync(IsPrompt).ConfigureAwait(false);
            await SendLineAsync(socket, command, bound.Token).ConfigureAwait(false);
            var output = await reader.ReadUntilAsync(IsPrompt).ConfigureAwait(false);
            await SendLineAsync(socket, "quit", bound.Token).ConfigureAwait(false);
            return output;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("coturn's CLI at " + EndPoint + " did not answer '" + command + "' within " + Limit.TotalSeconds + " s.");
        }
    }

    private static bool IsPrompt(string text) => text.EndsWith("> ", StringComparison.Ordinal);

    private static async Task SendLineAsync(Socket socket, string line, CancellationToken cancel) =>
        await socket.SendAsync(Encoding.ASCII.GetBytes(line + "\r\n"), SocketFlags.None, cancel).ConfigureAwait(false);

    private static List<CoturnSession> Parse(string output)
    {
        var sessions = new List<CoturnSession>();
        var blocks = HeaderPattern().Matches(output);
        for (var i = 0; i < blocks.Count; i++)
        {
            var end = i + 1 < blocks.Count ? blocks[i + 1].Index : output.Length;
            var body = output[blocks[i].Index..end];
            var lines = body.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            sessions.Add(new CoturnSession(
                blocks[i].Groups["id"].Value,
                blocks[i].Groups["user"].Value,
                ClientPattern().Match(body).Groups[1].Value,
                ClientAddressPattern().Match(body).Groups[1].Value,
                RelayPattern().Matches(body).Select(m => m.Groups[1].Value).ToArray(),
                lines.SkipWhile(line => line != "peers:").Skip(1).TakeWhile(line => PeerPattern().IsMatch(line)).ToArray()));
        }

        return sessions;
    }

    [GeneratedRegex(@"Total sessions: (\d+)")]
    private static partial Regex TotalPattern();

    [GeneratedRegex(@"\d+\) id=(?<id>\S+), user <(?<user>[^>]*)>:")]
    private static partial Regex HeaderPattern();

    [GeneratedRegex(@"client protocol (\S+),")]
    private static partial Regex ClientPattern();

    [GeneratedRegex(@"client addr (\S+),")]
    private static partial Regex ClientAddressPattern();

    [GeneratedRegex(@"relay addr (\S+)")]
    private static partial Regex RelayPattern();

    [GeneratedRegex(@"^[0-9A-Fa-f.:\[\]]+$")]
    private static partial Regex PeerPattern();

    /// <summary>Accumulates what the CLI sends since the last match.</summary>
    private sealed class PromptReader(Socket socket, CancellationToken cancel)
    {
        private readonly StringBuilder _text = new();
        private readonly byte[] _buffer = new byte[8192];

        public async Task<string> ReadUntilAsync(Func<string, bool> done)
        {
            while (!done(_text.ToString()))
            {
                var read = await socket.ReceiveAsync(_buffer, SocketFlags.None, cancel).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("coturn's CLI closed the connection after: " + _text);
                }

                _text.Append(Encoding.UTF8.GetString(_buffer, 0, read));
            }

            var text = _text.ToString();
            _text.Clear();
            return text;
        }
    }
}
