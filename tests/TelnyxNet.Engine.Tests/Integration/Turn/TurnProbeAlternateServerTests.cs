using TelnyxNet.Engine.Tests.Support.Turn;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>The TURN probe against a coturn that answers 300 Try Alternate (RFC 8489 §10): followed once, and reported.</summary>
[Collection(AlternateServerCoturnCollection.Name)]
public sealed class TurnProbeAlternateServerTests
{
    private readonly AlternateServerCoturnFixture _fixture;

    public TurnProbeAlternateServerTests(AlternateServerCoturnFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(TransportProtocol.Udp)]
    [InlineData(TransportProtocol.Tcp)]
    public async Task Follows_the_alternate_server_and_relays_there(TransportProtocol transport)
    {
        var options = TurnProbeOptions.For("turn:127.0.0.1:" + _fixture.Redirecting.Port + "?transport=" + transport.ToString().ToLowerInvariant(), TurnProbeOptions.Credential(AlternateServerCoturnFixture.User));

        var result = await TurnRun.OneAsync(options);

        TurnRun.AssertRelayed(result);
        Assert.Equal(_fixture.Alternate.EndPoint.ToString(), result.AlternateServer);
        Assert.Equal("127.0.0.1", result.Server);
        Assert.Equal(_fixture.Redirecting.Port, result.Port);
        Assert.Contains("alternate server " + _fixture.Alternate.EndPoint, result.Message, StringComparison.Ordinal);
        Assert.InRange(result.RelayedPort!.Value, _fixture.Alternate.RelayPorts.Min, _fixture.Alternate.RelayPorts.Max);
        Assert.Equal(0, await _fixture.Alternate.Admin.WaitForAllocationCountAsync(0));
        Assert.Equal(0, await _fixture.Redirecting.Admin.AllocationCountAsync());
    }
}
