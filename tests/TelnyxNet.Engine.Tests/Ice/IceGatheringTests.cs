using System.Diagnostics;
using System.Net;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Ice;

/// <summary>
/// The gatherer against coturn and scripted STUN servers on loopback, from Windows-, macOS- and
/// Linux-like interfaces: the candidates, their kinds and classes, and every ICE finding.
/// </summary>
[Collection(CoturnCollection.Name)]
public sealed class IceGatheringTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(4);
    private static readonly IPEndPoint Public = new(IPAddress.Parse("203.0.113.7"), 40000);
    private readonly CoturnFixture _coturn;

    public IceGatheringTests(CoturnFixture coturn) => _coturn = coturn;

    private string TurnUdp => "turn:127.0.0.1:" + _coturn.ListeningPort + "?transport=udp";

    private string TurnTcp => "turn:127.0.0.1:" + _coturn.ListeningPort + "?transport=tcp";

    [Fact]
    public async Task Gathers_host_srflx_and_relay_from_every_interface_and_names_its_kind_and_class()
    {
        using var stun = new HostileUdpServer(UdpBehaviours.Answer(ScriptedStunServer.Success(Public)));
        var interfaces = new FixedInterfaces(
            IceHarness.Ethernet,
            FixedInterfaces.Up("utun3", "utun3", "Unknown", "10.8.0.2"),
            FixedInterfaces.Up("docker0", "docker0", "Ethernet", "172.17.0.1"),
            FixedInterfaces.Up("Ethernet 2", "Realtek USB GbE Family Controller", "Ethernet", "100.64.1.2"),
            FixedInterfaces.Up("lo", "lo", "Loopback", "127.0.0.1", "::1"),
            new LocalInterface("wlan0", "wlan0", "Wireless80211", false, new[] { IPAddress.Parse("192.168.7.7") }));

        var run = await IceHarness.RunAsync(IceHarness.Options(interfaces, new[] { "stun:" + stun.Server, TurnUdp }, Timeout));

        var summary = run.Summary;
        Assert.Equal(4, summary.HostCount);
        Assert.Equal(4, summary.SrflxCount);
        Assert.Equal(4, summary.RelayCount);
        Assert.Equal(4, summary.InterfaceCount);
        Assert.False(summary.TimedOut);
        Assert.Equal(summary.Candidates, run.Streamed);
        IceHarness.AssertWellFormed(summary);
        var hosts = run.OfType("host").ToDictionary(c => c.Interface);
        Assert.Equal(new[] { "eth0", "utun3", "docker0", "Ethernet 2" }, hosts.Keys);
        Assert.Equal(("Physical", "Private", "192.168.1.10"), (hosts["eth0"].AdapterKind, hosts["eth0"].AddressClass, hosts["eth0"].Address));
        Assert.Equal(("Vpn", "Private"), (hosts["utun3"].AdapterKind, hosts["utun3"].AddressClass));
        Assert.Equal(("ContainerBridge", "Private"), (hosts["docker0"].AdapterKind, hosts["docker0"].AddressClass));
        Assert.Equal(("Physical", "Cgnat"), (hosts["Ethernet 2"].AdapterKind, hosts["Ethernet 2"].AddressClass));
        Assert.StartsWith("name ~ ", hosts["docker0"].AdapterRule, StringComparison.Ordinal);
        Assert.Equal("Realtek USB GbE Family Controller", hosts["Ethernet 2"].InterfaceDescription);
        Assert.True(hosts["eth0"].Priority > hosts["utun3"].Priority && hosts["utun3"].Priority > hosts["docker0"].Priority);
        Assert.All(run.OfType("srflx"), c =>
        {
            Assert.Equal(("203.0.113.7", 40000, "Global"), (c.Address, c.Port, c.AddressClass));
            Assert.Equal(hosts[c.Interface].Address, c.RelatedAddress);
            Assert.Equal(hosts[c.Interface].Port, c.RelatedPort);
            Assert.Equal("stun:" + stun.Server, c.Server);
        });
        Assert.All(run.OfType("relay"), c =>
        {
            Assert.Equal(("127.0.0.1", "udp", "udp"), (c.Address, c.Protocol, c.RelayProtocol));
            Assert.InRange(c.Port, _coturn.MinRelayPort, _coturn.MaxRelayPort);
            Assert.Equal("127.0.0.1", c.RelatedAddress);
            Assert.Equal(TurnUdp, c.Server);
        });
        Assert.Equal(4, run.Log.Lines.Count(l => l.StartsWith("Allocation ", StringComparison.Ordinal) && l.EndsWith(" deleted.", StringComparison.Ordinal)));
        Assert.NotNull(summary.FirstNonHostMs);
        Assert.True(summary.FirstNonHostMs <= summary.CompleteMs);
        Assert.Equal(
            new[] { "ice_multiple_interfaces", "ice_vpn_detected", "ice_container_bridge", "ice_cgnat", "ice_no_ipv6" },
            run.Codes);
        var vpn = Assert.Single(summary.Findings, f => f.Code == "ice_vpn_detected");
        Assert.Equal("utun3", vpn.Subject);
        Assert.Contains("split-tunnelling", vpn.Remediation, StringComparison.Ordinal);
        Assert.Contains("--network host", Assert.Single(summary.Findings, f => f.Code == "ice_container_bridge").Remediation, StringComparison.Ordinal);
        Assert.Equal("100.64.1.2", Assert.Single(summary.Findings, f => f.Code == "ice_cgnat").Subject);
        Assert.Contains(run.Log.Lines, l => l.Contains("fe80::1", StringComparison.Ordinal) && l.Contains("link-local", StringComparison.Ordinal));
        Assert.True(IceGatheringProbe.Passed(summary));
    }

    [Fact]
    public async Task Reports_only_host_candidates_and_every_silent_server_when_nothing_answers()
    {
        using var stun = new HostileUdpServer(UdpBehaviours.Silent);
        using var turn = new HostileUdpServer(UdpBehaviours.Silent);
        var watch = Stopwatch.StartNew();

        var run = await IceHarness.RunAsync(IceHarness.Options(new FixedInterfaces(IceHarness.Ethernet), new[] { "stun:" + stun.Server, "turn:" + turn.Server + "?transport=udp" }, Timeout));

        Assert.True(watch.Elapsed < Timeout + Grace, "took " + watch.Elapsed);
        Assert.Equal((1, 0, 0), (run.Summary.HostCount, run.Summary.SrflxCount, run.Summary.RelayCount));
        Assert.True(run.Summary.TimedOut);
        Assert.Null(run.Summary.FirstNonHostMs);
        Assert.Equal(new[] { "ice_only_host_candidates", "ice_gathering_timeout", "ice_server_no_candidates", "ice_server_no_candidates", "ice_no_ipv6" }, run.Codes);
        Assert.Equal(new[] { "stun:" + stun.Server, "turn:" + turn.Server + "?transport=udp" }, run.Summary.Findings.Where(f => f.Code == "ice_server_no_candidates").Select(f => f.Subject));
        Assert.All(run.Summary.Servers, s => Assert.Equal("Timeout", s.FailureReason));
        Assert.False(IceGatheringProbe.Passed(run.Summary));
    }

    [Fact]
    public async Task Reports_a_failed_server_with_its_reason()
    {
        using var stun = new HostileUdpServer(UdpBehaviours.Answer(ScriptedStunServer.Error(400, "Bad Request")));
        var wrong = TurnCredential.FromPassword(CoturnFixture.Username, Secrets.Secure("not-the-password"));

        var run = await IceHarness.RunAsync(IceHarness.Options(new FixedInterfaces(IceHarness.Ethernet), new[] { "stun:" + stun.Server, TurnUdp }, Timeout, wrong));

        var failed = run.Summary.Findings.Where(f => f.Code == "ice_server_failed").ToList();
        Assert.Equal(2, failed.Count);
        Assert.Contains("(ErrorResponse)", failed[0].Message, StringComparison.Ordinal);
        Assert.Contains("(AuthenticationFailed)", failed[1].Message, StringComparison.Ordinal);
        Assert.Equal("Degraded", failed[0].Effect);
        Assert.Equal(new[] { "ErrorResponse", "AuthenticationFailed" }, run.Summary.Servers.Select(s => s.FailureReason));
        Assert.Contains("ice_only_host_candidates", run.Codes);
        Assert.DoesNotContain("ice_gathering_timeout", run.Codes);
    }

    [Fact]
    public async Task Requires_TURN_when_STUN_gives_no_srflx_but_a_relay_is_granted()
    {
        using var stun = new HostileUdpServer(UdpBehaviours.Silent);

        var run = await IceHarness.RunAsync(IceHarness.Options(new FixedInterfaces(IceHarness.Ethernet), new[] { "stun:" + stun.Server, TurnUdp }, Timeout));

        Assert.Equal((1, 0, 1), (run.Summary.HostCount, run.Summary.SrflxCount, run.Summary.RelayCount));
        var turnRequired = Assert.Single(run.Summary.Findings, f => f.Code == "ice_turn_required");
        Assert.Contains("forceRelayCandidate", turnRequired.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("ice_udp_blocked", run.Codes);
        Assert.True(IceGatheringProbe.Passed(run.Summary));
    }

    [Fact]
    public async Task Says_UDP_is_blocked_when_only_TURN_over_TCP_gives_a_relay()
    {
        using var stun = new HostileUdpServer(UdpBehaviours.Silent);
        using var turnUdp = new HostileUdpServer(UdpBehaviours.Silent);

        var run = await IceHarness.RunAsync(IceHarness.Options(new FixedInterfaces(IceHarness.Ethernet), new[] { "stun:" + stun.Server, "turn:" + turnUdp.Server + "?transport=udp", TurnTcp }, Timeout));

        var relay = Assert.Single(run.OfType("relay"));
        Assert.Equal(("udp", "tcp"), (relay.Protocol, relay.RelayProtocol));
        Assert.Contains("ice_udp_blocked", run.Codes);
        Assert.Contains("ice_turn_required", run.Codes);
        Assert.Contains("TCP", Assert.Single(run.Summary.Findings, f => f.Code == "ice_udp_blocked").Message, StringComparison.Ordinal);
        IceHarness.AssertWellFormed(run.Summary);
    }

    [Fact]
    public async Task Requires_TURN_when_the_NAT_maps_each_STUN_server_to_another_port()
    {
        using var first = new HostileUdpServer(UdpBehaviours.Answer(ScriptedStunServer.Success(Public)));
        using var second = new HostileUdpServer(UdpBehaviours.Answer(ScriptedStunServer.Success(new IPEndPoint(Public.Address, 40017))));

        var run = await IceHarness.RunAsync(IceHarness.Options(new FixedInterfaces(IceHarness.Ethernet), new[] { "stun:" + first.Server, "stun:" + second.Server, TurnUdp }, Timeout));

        Assert.Equal(new[] { 40000, 40017 }, run.OfType("srflx").Select(c => c.Port).OrderBy(p => p));
        var turnRequired = Assert.Single(run.Summary.Findings, f => f.Code == "ice_turn_required");
        Assert.Contains("203.0.113.7:40000", turnRequired.Message, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7:40017", turnRequired.Message, StringComparison.Ordinal);
        IceHarness.AssertWellFormed(run.Summary);
    }

    [Fact]
    public async Task Drops_a_srflx_candidate_that_repeats_another_from_the_same_base()
    {
        using var first = new HostileUdpServer(UdpBehaviours.Answer(ScriptedStunServer.Success(Public)));
        using var second = new HostileUdpServer(UdpBehaviours.Answer(ScriptedStunServer.Success(Public)));

        var run = await IceHarness.RunAsync(IceHarness.Options(new FixedInterfaces(IceHarness.Ethernet), new[] { "stun:" + first.Server, "stun:" + second.Server }, Timeout));

        Assert.Single(run.OfType("srflx"));
        Assert.Equal(new[] { 1, 1 }, run.Summary.Servers.Select(s => s.Answers));
        Assert.Equal(1, run.Summary.Servers.Sum(s => s.Candidates));
        Assert.DoesNotContain("ice_turn_required", run.Codes);
        Assert.DoesNotContain("ice_server_no_candidates", run.Codes);
    }

    [Fact]
    public async Task Reports_no_candidates_without_a_usable_interface()
    {
        var interfaces = new FixedInterfaces(FixedInterfaces.Up("lo", "lo", "Loopback", "127.0.0.1"), new LocalInterface("eth0", "eth0", "Ethernet", false, new[] { IPAddress.Parse("192.168.1.10") }));

        var run = await IceHarness.RunAsync(IceHarness.Options(interfaces, new[] { "stun:127.0.0.1:9" }, Timeout));

        Assert.Empty(run.Summary.Candidates);
        Assert.Equal(new[] { "ice_no_candidates" }, run.Codes);
        Assert.Equal("Inconclusive", run.Summary.Findings[0].Effect);
    }

    [Fact]
    public async Task Gathers_IPv6_unique_local_host_candidates_and_skips_link_local_ones()
    {
        var interfaces = new FixedInterfaces(FixedInterfaces.Up("en0", "en0", "Ethernet", "fe80::1c2b:3aff:fe4d:5e6f", "fd00:1::2", "192.168.1.20"));

        var run = await IceHarness.RunAsync(IceHarness.Options(interfaces, Array.Empty<string>(), Timeout));

        Assert.Equal(new[] { "fd00:1::2", "192.168.1.20" }, run.OfType("host").Select(c => c.Address));
        Assert.Equal("Ula", run.OfType("host")[0].AddressClass);
        Assert.True(run.OfType("host")[0].Priority > run.OfType("host")[1].Priority);
        Assert.DoesNotContain("ice_no_ipv6", run.Codes);
        IceHarness.AssertWellFormed(run.Summary);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("wrong-id")]
    [InlineData("no-mapped-address")]
    public async Task Never_makes_a_srflx_candidate_from_an_invalid_answer(string kind)
    {
        Func<byte[], byte[]?> answer = kind switch
        {
            "garbage" => _ => new byte[] { 1, 1, 0, 0, 0x21, 0x12, 0xA4, 0x42, 9, 9, 9 },
            "wrong-id" => _ => new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse).Add(new StunXorAddressAttribute(StunAttributeType.XorMappedAddress, Public)).Encode(),
            _ => ScriptedStunServer.Answer(id => new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, id)),
        };
        using var stun = new HostileUdpServer(UdpBehaviours.Answer(answer));
        var watch = Stopwatch.StartNew();

        var run = await IceHarness.RunAsync(IceHarness.Options(new FixedInterfaces(IceHarness.Ethernet), new[] { "stun:" + stun.Server }, Timeout));

        Assert.True(watch.Elapsed < Timeout + Grace, "took " + watch.Elapsed);
        Assert.Empty(run.OfType("srflx"));
        Assert.Contains(run.Codes, c => c is "ice_server_failed" or "ice_server_no_candidates");
        Assert.NotEqual("None", run.Summary.Servers[0].FailureReason);
    }

    [Theory]
    [InlineData("silent-after-accept")]
    [InlineData("http")]
    [InlineData("endless-garbage")]
    public async Task Never_makes_a_relay_candidate_from_a_TCP_server_that_is_not_TURN(string kind)
    {
        var answer = kind switch
        {
            "silent-after-accept" => Array.Empty<byte>(),
            "http" => System.Text.Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"),
            _ => Enumerable.Repeat((byte)0xFF, 64 * 1024).ToArray(),
        };
        using var tcp = new HostileStreamServer(StreamBehaviours.Answer(StreamBehaviours.FirstBytes, _ => answer));
        var watch = Stopwatch.StartNew();

        var run = await IceHarness.RunAsync(IceHarness.Options(new FixedInterfaces(IceHarness.Ethernet), new[] { "turn:" + tcp.Server + "?transport=tcp" }, Timeout));

        Assert.True(watch.Elapsed < Timeout + Grace, "took " + watch.Elapsed);
        Assert.Empty(run.OfType("relay"));
        var report = Assert.Single(run.Summary.Servers);

        // "HT" (0x4854) reads as the header of a ChannelData frame on channel 0x4854 with 21,584 bytes to come (RFC 8656 §12.5), so the stream reader waits for them until the bound.
        Assert.Equal(kind == "endless-garbage" ? "ProtocolError" : "Timeout", report.FailureReason);
        Assert.Contains(kind == "endless-garbage" ? "ice_server_failed" : "ice_server_no_candidates", run.Codes);
        Assert.True(tcp.Accepted >= 1);
    }

    [Fact]
    public async Task Ends_at_once_when_cancelled()
    {
        using var stun = new HostileUdpServer(UdpBehaviours.Silent);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => IceHarness.RunAsync(IceHarness.Options(new FixedInterfaces(IceHarness.Ethernet), new[] { "stun:" + stun.Server, TurnUdp }, TimeSpan.FromSeconds(30)), cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "took " + watch.Elapsed);
    }
}
