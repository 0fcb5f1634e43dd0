using System.Diagnostics;
using System.Text;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Support.Sip;

namespace TelnyxNet.Engine.Tests.Sip;

/// <summary>
/// Scripted SIP servers over TCP that answer wrongly or not at all: each test ends within its
/// bound, is never Succeeded on invalid input, and names its FailureReason.
/// </summary>
public sealed class SipHostileServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    public static TheoryData<string, FailureReason, string> Hostile => new()
    {
        { "silence", FailureReason.Timeout, "timed out" },
        { "close", FailureReason.ProtocolError, "closed the connection" },
        { "endless-headers", FailureReason.ProtocolError, "without ending a SIP header section" },
        { "trickle", FailureReason.Timeout, "timed out" },
        { "no-length", FailureReason.ProtocolError, "Content-Length" },
        { "huge-body", FailureReason.ProtocolError, "more than the" },
        { "other-cseq", FailureReason.ProtocolError, "another request" },
        { "http", FailureReason.ProtocolError, "not a SIP response" },
        { "binary", FailureReason.ProtocolError, "not a SIP response" },
        { "unavailable", FailureReason.ProxyUnavailable, "503" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Ends_within_the_bound_with_a_named_reason(string behaviour, FailureReason reason, string message)
    {
        using var server = new ScriptedSipTcpServer((request, stream, token) => Play(behaviour, request, stream, token));
        var watch = Stopwatch.StartNew();

        var result = Assert.Single(await RunAsync(server.Server));

        Assert.True(result.Reason == reason, result + ": " + result.Message);
        Assert.Equal(ProbeStatus.Failed, result.Outcome);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(result.Remediation));
        Assert.True(watch.Elapsed < Timeout + Grace, watch.Elapsed.ToString());
    }

    [Theory]
    [InlineData("403 Forbidden")]
    [InlineData("404 Not Found")]
    [InlineData("405 Method Not Allowed")]
    [InlineData("407 Proxy Authentication Required")]
    [InlineData("483 Too Many Hops")]
    [InlineData("501 Not Implemented")]
    public async Task Any_final_answer_but_the_failover_codes_proves_the_proxy_reachable(string status)
    {
        using var server = new ScriptedSipTcpServer((request, stream, token) => ScriptedSipTcpServer.WriteAsync(stream, Answer(request, status), token));

        var result = Assert.Single(await RunAsync(server.Server));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, result.Message);
        Assert.Equal(int.Parse(status.Substring(0, 3)), result.StatusCode);
        Assert.Equal(status.Substring(4), result.ReasonPhrase);
    }

    [Fact]
    public async Task A_provisional_answer_then_the_final_one_on_one_read_are_both_read()
    {
        using var server = new ScriptedSipTcpServer((request, stream, token) => ScriptedSipTcpServer.WriteAsync(stream, Answer(request, "100 Trying") + Answer(request, "200 OK"), token));

        var result = Assert.Single(await RunAsync(server.Server));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, result.Message);
        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public async Task Cancellation_ends_DNS_and_every_transaction_at_once()
    {
        using var silentDns = new ScriptedDnsServer(_ => Array.Empty<byte[]>());
        using var silentSip = new ScriptedSipTcpServer((_, _, token) => Task.Delay(System.Threading.Timeout.Infinite, token));
        Assert.True(SipServerAddress.TryParse("sip:sip.lab.test", out var name, out _));
        Assert.True(SipServerAddress.TryParse(silentSip.Server, out var literal, out _));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SipOptionsProbe.RunAsync(
            new SipOptionsOptions { Servers = new[] { name!, literal! }, DnsServers = new[] { silentDns.EndPoint }, Timeout = TimeSpan.FromSeconds(30) },
            null,
            null,
            cancel.Token));
        Assert.True(watch.Elapsed < Grace, watch.Elapsed.ToString());
    }

    private static async Task Play(string behaviour, string request, Stream stream, CancellationToken token)
    {
        switch (behaviour)
        {
            case "silence":
                await Task.Delay(System.Threading.Timeout.Infinite, token);
                break;
            case "close":
                break;
            case "endless-headers":
                var line = Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\n" + string.Concat(Enumerable.Repeat("X-Padding: " + new string('a', 1000) + "\r\n", 80)));
                await stream.WriteAsync(line, token);
                await Task.Delay(System.Threading.Timeout.Infinite, token);
                break;
            case "trickle":
                var bytes = Encoding.ASCII.GetBytes(Answer(request, "200 OK"));
                for (var i = 0; i < bytes.Length - 4; i++)
                {
                    await stream.WriteAsync(bytes.AsMemory(i, 1), token);
                    await Task.Delay(100, token);
                }

                break;
            case "no-length":
                await ScriptedSipTcpServer.WriteAsync(stream, Answer(request, "200 OK").Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal), token);
                break;
            case "huge-body":
                await ScriptedSipTcpServer.WriteAsync(stream, Answer(request, "200 OK").Replace("Content-Length: 0", "Content-Length: 900000", StringComparison.Ordinal), token);
                break;
            case "other-cseq":
                await ScriptedSipTcpServer.WriteAsync(stream, Answer(request, "200 OK").Replace("CSeq: 1 OPTIONS", "CSeq: 7 REGISTER", StringComparison.Ordinal).Replace("branch=z9hG4bK", "branch=z9hG4bKx", StringComparison.Ordinal), token);
                break;
            case "http":
                await ScriptedSipTcpServer.WriteAsync(stream, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", token);
                break;
            case "binary":
                await stream.WriteAsync(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x05, 0x0D, 0x0A, 0x0D, 0x0A, 0xFF }, token);
                break;
            default:
                await ScriptedSipTcpServer.WriteAsync(stream, Answer(request, "503 Service Unavailable"), token);
                break;
        }
    }

    private static string Answer(string request, string status) => Encoding.UTF8.GetString(SipUdpTransactionTests.Reply(Encoding.UTF8.GetBytes(request), status));

    private static Task<IReadOnlyList<SipOptionsResult>> RunAsync(string server)
    {
        Assert.True(SipServerAddress.TryParse(server, out var parsed, out var error), error);
        return SipOptionsProbe.RunAsync(new SipOptionsOptions { Servers = new[] { parsed! }, Timeout = Timeout, DnsServers = Array.Empty<System.Net.IPEndPoint>() }, new CollectingLog(), null, CancellationToken.None);
    }
}
