using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Readiness;

/// <summary>The readiness check against a real coturn on loopback (STUN, TURN over UDP, TCP and TLS, RFC 5780).</summary>
[Collection(CoturnCollection.Name)]
public sealed class ConnectivityCoturnTests
{
    private readonly CoturnFixture _coturn;

    public ConnectivityCoturnTests(CoturnFixture coturn) => _coturn = coturn;

    [Fact]
    public async Task Every_part_answers_and_the_report_carries_each_parts_results()
    {
        var report = await ConnectivityRun.RunAsync(ConnectivityRun.Options(ConnectivityRun.Loopback(_coturn.ListeningPort, _coturn.ListeningPort, _coturn.TlsPort), TimeSpan.FromSeconds(20), certificateValidation: _coturn.TrustTestCa));

        Assert.Equal(new[] { "Succeeded" }, report.Stun.Select(r => r.Status));
        Assert.Equal(new[] { "Succeeded", "Succeeded", "Succeeded" }, report.Turn.Select(r => r.Status));
        Assert.True(report.Ice!.SrflxCount >= 1 && report.Ice.RelayCount >= 1, ConnectivityRun.Describe(report));
        Assert.Equal("NoNat", report.NatMapping);
        Assert.Equal("Udp", report.RelayTransport);
        Assert.Equal("127.0.0.1:" + _coturn.ListeningPort, report.RelayServer);
        Assert.True(report.UdpOpen);
        Assert.Null(report.SipReachable);
        Assert.Equal("127.0.0.1", report.PublicAddress);
        Assert.All(report.Turn, r => Assert.True(r.Deallocated == true, r.Message));
    }

    [Fact]
    public async Task A_credential_coturn_refuses_is_turn_auth_failed_once_for_every_transport()
    {
        var options = ConnectivityRun.Options(ConnectivityRun.Loopback(_coturn.ListeningPort, _coturn.ListeningPort), TimeSpan.FromSeconds(20), TurnCredential.FromPassword("alice", Secrets.Secure("wrong")));

        var report = await ConnectivityRun.RunAsync(options);

        Assert.Contains(report.Reasons, r => r.Code == "turn_auth_failed" && r.Subject == "127.0.0.1");
        Assert.Equal(string.Empty, report.RelayTransport);
        Assert.NotEqual("Ready", report.Verdict);
    }
}
