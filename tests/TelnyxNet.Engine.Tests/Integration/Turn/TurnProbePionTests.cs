using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>Interoperability: the TURN probe against pion/turn, an implementation independent of coturn.</summary>
[Collection(PionTurnCollection.Name)]
public sealed class TurnProbePionTests
{
    private readonly PionTurnServer _pion;

    public TurnProbePionTests(PionTurnFixture fixture) => _pion = fixture.Server;

    [Theory]
    [InlineData(TransportProtocol.Udp)]
    [InlineData(TransportProtocol.Tcp)]
    public async Task Allocates_relays_and_deletes_on_pion(TransportProtocol transport)
    {
        var options = TurnProbeOptions.For("turn:127.0.0.1:" + _pion.Port + "?transport=" + transport.ToString().ToLowerInvariant(), TurnProbeOptions.Credential(PionTurnFixture.User));

        var result = await TurnRun.OneAsync(options);

        TurnRun.AssertRelayed(result);
        Assert.Equal(PionTurnServer.Realm, result.Realm);
        Assert.InRange(result.RelayedPort!.Value, _pion.RelayPorts.Min, _pion.RelayPorts.Max);
        await Eventually.True(() => _pion.AllocationCount == 0, "pion to drop the deleted allocation");
    }

    [Fact]
    public async Task Reports_pion_refusing_a_wrong_password_with_its_error_code()
    {
        var wrong = TurnCredential.FromPassword(PionTurnFixture.User.Name, Secrets.Secure("wrong"));

        var result = await TurnRun.OneAsync(TurnProbeOptions.For("turn:127.0.0.1:" + _pion.Port, wrong));

        Assert.Equal(ProbeStatus.Failed, result.Outcome);
        Assert.True(result.ServerReachable);
        Assert.Equal(PionTurnServer.Realm, result.Realm);
        Assert.Contains(result.ErrorCode, new int?[] { 400, 401 });
        Assert.Equal(0, _pion.AllocationCount);
    }
}
