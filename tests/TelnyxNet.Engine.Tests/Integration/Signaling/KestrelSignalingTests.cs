using System.Diagnostics;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Tests.Integration.Turn;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration.Signaling;

/// <summary>The signaling probe against real Kestrel WebSocket servers on loopback: every step, held connections, early closes, refusals and certificate checks.</summary>
public sealed class KestrelSignalingTests : IClassFixture<LoopbackWssServers>
{
    private readonly LoopbackWssServers _servers;

    public KestrelSignalingTests(LoopbackWssServers servers) => _servers = servers;

    [Fact]
    public async Task Opens_holds_pings_and_closes_a_WSS_connection_to_a_public_chain()
    {
        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { Trust = _servers.PublicTestCa, Hold = TimeSpan.FromSeconds(2) }, _servers.Tls.Uri());

        SignalingRun.Succeeded(result);
        Assert.Equal(("Wss", "127.0.0.1", _servers.Tls.EndPoint.Port, "127.0.0.1"), (result.Transport, result.Server, result.Port, result.RemoteAddress));
        Assert.Equal((2, 2), (result.PingsSent, result.PingsAnswered));
        Assert.Equal(2.0, result.HeldSeconds);
        Assert.Equal(1000, result.CloseCode);
        Assert.StartsWith("Tls1", result.TlsProtocol, StringComparison.Ordinal);
        Assert.NotEqual(string.Empty, result.TlsCipher);
        Assert.Equal("CN=localhost", result.CertificateSubject);
        Assert.Equal(_servers.Pki.Authority.Subject, result.CertificateIssuer);
        Assert.Equal(_servers.Pki.Authority.Subject, result.CertificateRoot);
        Assert.Equal(_servers.Pki.Authority.Thumbprint, result.CertificateRootThumbprint);
        Assert.Equal("CN=localhost <- " + _servers.Pki.Authority.Subject, result.CertificateChain);
        Assert.True(result.CertificateExpires > DateTimeOffset.UtcNow);
        Assert.False(result.TlsIntercepted);
        Assert.False(result.CertificateCheckSkipped);
        Assert.Equal(("None", string.Empty, string.Empty), (result.ProxySource == "Disabled" ? "None" : result.ProxySource, result.ProxyUsed, result.InterceptionProduct));
        Assert.Contains("held it 2.0 s; 2 of 2 Ping(s) answered", result.Message, StringComparison.Ordinal);
        Assert.Contains("Closed cleanly (1000)", result.Message, StringComparison.Ordinal);
        Assert.True(SignalingProbe.Passed(new[] { result }));
    }

    [Fact]
    public async Task Pings_at_the_interval_during_the_hold()
    {
        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { Hold = TimeSpan.FromSeconds(2), PingInterval = TimeSpan.FromMilliseconds(500) }, _servers.Plain.Uri());

        SignalingRun.Succeeded(result);
        Assert.Equal("Ws", result.Transport);
        Assert.Equal(5, result.PingsSent);
        Assert.Equal(5, result.PingsAnswered);
        Assert.Null(result.TlsMs);
        Assert.Equal(string.Empty, result.TlsProtocol);
    }

    [Fact]
    public async Task With_no_hold_opens_pings_once_and_closes()
    {
        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { Hold = TimeSpan.Zero }, _servers.Plain.Uri());

        SignalingRun.Succeeded(result);
        Assert.Equal((1, 0.0), (result.PingsSent, result.HeldSeconds ?? -1));
    }

    [Fact]
    public async Task An_untrusted_chain_is_TlsFailure_with_the_chain_error_and_nothing_after_TLS()
    {
        var result = await SignalingRun.OneAsync(SignalingRun.Direct, _servers.Tls.Uri());

        SignalingRun.Failed(result, FailureReason.TlsFailure);
        Assert.Contains("the certificate chain does not validate: ", result.Message, StringComparison.Ordinal);
        Assert.True(result.Message.Contains("UntrustedRoot", StringComparison.Ordinal) || result.Message.Contains("PartialChain", StringComparison.Ordinal), result.Message);
        Assert.Null(result.UpgradeMs);
        Assert.Contains("exempt 127.0.0.1 from TLS inspection", result.Remediation, StringComparison.Ordinal);
        Assert.Equal(0, result.PingsSent);
    }

    [Fact]
    public async Task SkipCertificateCheck_goes_on_and_says_the_check_was_skipped()
    {
        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { SkipCertificateCheck = true }, _servers.Tls.Uri());

        SignalingRun.Succeeded(result);
        Assert.True(result.CertificateCheckSkipped);
        Assert.Equal("CN=localhost", result.CertificateSubject);
        Assert.Contains("The certificate was not checked (-SkipCertificateCheck).", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_for_another_name_is_TlsFailure_even_from_a_trusted_CA()
    {
        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { Trust = _servers.PublicTestCa, Resolver = new ScriptedResolver().Answer("rtc.example", "127.0.0.1") }, "wss://rtc.example:" + _servers.Tls.EndPoint.Port + "/");

        SignalingRun.Failed(result, FailureReason.TlsFailure);
        Assert.Contains("is not for 'rtc.example' (name mismatch)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_upgrade_is_UpgradeRejected_with_its_code()
    {
        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { Trust = _servers.PublicTestCa }, _servers.Tls.Uri("/forbidden"));

        SignalingRun.Failed(result, FailureReason.UpgradeRejected);
        Assert.Equal(403, result.HttpStatusCode);
        Assert.NotNull(result.UpgradeMs);
        Assert.Contains("refused the WebSocket upgrade: 403 Forbidden", result.Message, StringComparison.Ordinal);
        Assert.Contains("no HTTP long-polling fallback", result.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_closes_after_2_s_of_a_5_s_hold_is_ClosedEarly_with_its_code_and_time()
    {
        var watch = Stopwatch.StartNew();

        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { Trust = _servers.PublicTestCa, Hold = TimeSpan.FromSeconds(5) }, _servers.Tls.Uri("/close/2000"));

        SignalingRun.Failed(result, FailureReason.ClosedEarly);
        Assert.Equal(1000, result.CloseCode);
        Assert.Equal("bye after 2000 ms", result.CloseReason);
        Assert.InRange(result.HeldSeconds ?? 0, 1.9, 3.5);
        Assert.Contains("of the 5 s hold, the server closed the WebSocket with 1000 'bye after 2000 ms'", result.Message, StringComparison.Ordinal);
        Assert.Contains("idle timeout", result.Remediation, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "an early close ends the test: " + watch.Elapsed);
    }

    [Fact]
    public async Task A_connection_dropped_without_a_Close_frame_is_ClosedEarly_with_1006()
    {
        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { Hold = TimeSpan.FromSeconds(5) }, _servers.Plain.Uri("/abort/500"));

        SignalingRun.Failed(result, FailureReason.ClosedEarly);
        Assert.Equal(1006, result.CloseCode);
        Assert.Contains("without a Close frame", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_the_messages_the_server_sends_and_reads_a_frame_right_after_the_101()
    {
        var result = await SignalingRun.OneAsync(SignalingRun.Direct, _servers.Plain.Uri("/hello"));

        SignalingRun.Succeeded(result);
        Assert.Equal(1, result.MessagesReceived);
    }

    [Fact]
    public async Task Asks_for_the_sip_subprotocol_of_RFC_7118_when_told_and_is_refused_without_it()
    {
        var with = await SignalingRun.OneAsync(SignalingRun.Direct with { SubProtocol = "sip" }, _servers.Plain.Uri("/sip"));
        var without = await SignalingRun.OneAsync(SignalingRun.Direct, _servers.Plain.Uri("/sip"));

        SignalingRun.Succeeded(with);
        SignalingRun.Failed(without, FailureReason.UpgradeRejected);
        Assert.Equal(400, without.HttpStatusCode);
    }

    [Fact]
    public async Task Tests_every_address_of_a_name_in_parallel_and_passes_when_one_works()
    {
        var closed = FreePorts.Closed();
        var results = await SignalingRun.RunAsync(
            SignalingRun.Direct with { Resolver = new ScriptedResolver().Answer("both.example", "127.0.0.1", "127.0.0.2") },
            "ws://both.example:" + _servers.Plain.EndPoint.Port + "/",
            "ws://127.0.0.1:" + closed + "/");

        Assert.Equal(3, results.Count);
        SignalingRun.Succeeded(results[0]);
        Assert.Equal("127.0.0.1", results[0].RemoteAddress);
        SignalingRun.Failed(results[1], FailureReason.Refused);
        Assert.Equal("127.0.0.2", results[1].RemoteAddress);
        SignalingRun.Failed(results[2], FailureReason.Refused);
        Assert.False(SignalingProbe.Passed(results));
        Assert.True(SignalingProbe.Passed(results.Take(2)));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_DnsFailure()
    {
        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { Resolver = new ScriptedResolver().Fail("rtc.example", SocketError.HostNotFound) }, "wss://rtc.example/");

        SignalingRun.Failed(result, FailureReason.DnsFailure);
        Assert.Equal(string.Empty, result.RemoteAddress);
        Assert.Null(result.ConnectMs);
    }

    [Fact]
    public async Task Over_IPv6_loopback_too()
    {
        await using var v6 = await Servers.Wss.WssLabServer.StartAsync(new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Loopback, 0), null);

        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { AddressFamily = TelnyxNet.Engine.Dns.AddressFamilyPreference.IPv6 }, v6.Uri());

        SignalingRun.Succeeded(result);
        Assert.Equal("::1", result.RemoteAddress);
    }

    [Fact]
    public async Task Cancelling_in_the_middle_of_the_hold_ends_at_once_and_leaves_no_socket()
    {
        var before = OpenSockets.Count();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        var options = (SignalingRun.Direct with { Hold = TimeSpan.FromSeconds(30) }).For(new[] { SignalingRun.Target(_servers.Plain.Uri()) });
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SignalingProbe.RunAsync(options, null, null, cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "took " + watch.Elapsed);
        await Eventually.True(() => OpenSockets.Count() <= before, "the sockets of the cancelled test to close");
    }

    [Fact]
    public async Task Reports_the_hold_as_progress_every_second()
    {
        var progress = new Probes.CollectingProgress();
        var options = (SignalingRun.Direct with { Hold = TimeSpan.FromSeconds(3) }).For(new[] { SignalingRun.Target(_servers.Plain.Uri()) });

        await SignalingProbe.RunAsync(options, null, progress, CancellationToken.None);

        Assert.Contains(progress.Reports, r => r.Status.StartsWith("Holding the WebSocket(s) open: ", StringComparison.Ordinal));
        Assert.True(progress.Reports[progress.Reports.Count - 1].Completed);
    }
}
