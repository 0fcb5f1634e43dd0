using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>
/// Issue 13 defect 7 against the real server: coturn 4.6.1 with <c>--verbose</c> logs
/// "TCP socket error: Connection reset by peer" for every client that resets its connection.
/// Test-TelnyxStun's and Test-TelnyxTurn's probes over TCP and TLS leave no such line, every one of
/// their sessions closed by the client; a raw client that closes with linger 0 shows the line appears.
/// </summary>
public sealed class CoturnOrderlyCloseTests
{
    /// <summary>What coturn logs for a client's reset (ns_turn_server.c / dtls_listener's socket error path).</summary>
    private const string ResetLine = "Connection reset by peer";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_STUN_and_TURN_probes_over_TCP_and_TLS_leave_no_reset_in_coturns_verbose_log()
    {
        await using var coturn = await StartAsync();
        var before = Opened(coturn.Log);
        var stun = await StunBindingProbe.RunAsync(
            new StunBindingOptions
            {
                Servers = new[] { ProbeRun.Server("127.0.0.1:" + coturn.Port, TransportProtocol.Tcp), ProbeRun.Server("stuns:127.0.0.1:" + coturn.TlsPort, TransportProtocol.Tls) },
                Timeout = Timeout,
                CertificateValidation = coturn.TrustTestCa,
            },
            null,
            null,
            CancellationToken.None);
        var user = coturn.Options.Users[0];
        var turn = await TurnRun.AllAsync(new TurnAllocationOptions
        {
            Servers = new[] { TurnRun.Server("turn:127.0.0.1:" + coturn.Port + "?transport=tcp", TransportProtocol.Tcp), TurnRun.Server("turns:127.0.0.1:" + coturn.TlsPort + "?transport=tcp", TransportProtocol.Tls) },
            Credential = TurnCredential.FromPassword(user.Name, Secrets.Secure(user.Password)),
            Timeout = Timeout,
            CertificateValidation = coturn.TrustTestCa,
        });

        Assert.All(stun, ProbeRun.AssertSucceeded);
        Assert.All(turn, TurnRun.AssertRelayed);
        var clients = stun.Count + turn.Count;
        await Eventually.True(() => Opened(coturn.Log) >= before + clients && Closed(coturn.Log) == Opened(coturn.Log), "coturn to log the end of the probes' " + clients + " sessions:" + Environment.NewLine + coturn.Log);
        Assert.DoesNotContain(ResetLine, coturn.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("TCP socket error", coturn.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_resets_its_connection_puts_the_line_in_the_same_log()
    {
        await using var coturn = await StartAsync();
        var before = Opened(coturn.Log);

        // Synchronous calls only: a socket that never ran an asynchronous operation is closed by .NET
        // as it is (no shutdown first), so linger 0 makes the kernel send a reset and nothing else.
        using (var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000, SendTimeout = 5000 })
        {
            raw.Connect(coturn.EndPoint);
            raw.Send(Engine.Transport.BindingResponse.Request());
            Assert.True(raw.Receive(new byte[512]) > 0, "coturn answered the Binding");
            raw.LingerState = new LingerOption(true, 0);
        }

        await Eventually.True(() => Opened(coturn.Log) >= before + 1 && Closed(coturn.Log) == Opened(coturn.Log), "coturn to log the session's end:" + Environment.NewLine + coturn.Log);
        Assert.True(coturn.Log.Contains("TCP socket error: " + ResetLine, StringComparison.Ordinal), coturn.Log);
    }

    private static Task<CoturnTurnServer> StartAsync() =>
        CoturnTurnServer.StartAsync(new CoturnTurnOptions { Tls = TurnTlsCertificate.TestCa, IPv6 = false, ExtraArguments = new[] { "--verbose" } });

    /// <summary>Sessions whose end coturn logged ("session …: closed (2nd stage) …"); the fixture's readiness checks open a few of their own.</summary>
    private static int Closed(string log) => Regex.Matches(log, @"session \d+: closed \(2nd stage\)").Count;

    /// <summary>TCP and TLS connections coturn accepted ("tcp or tls connected to …").</summary>
    private static int Opened(string log) => Regex.Matches(log, "tcp or tls connected to").Count;
}
