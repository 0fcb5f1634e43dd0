using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary><c>telnyxnet stun</c> from 10.0.0.2 behind a MASQUERADE NAT to coturn on 203.0.113.10: what the server sees, over UDP and TCP.</summary>
[Collection(NetworkLabCollection.Name)]
public sealed class NatTraversalTests : IAsyncLifetime
{
    private readonly NetworkLabFixture _lab;

    public NatTraversalTests(NetworkLabFixture lab) => _lab = lab;

    private static string Server => NetworkLabFixture.ServerAddress + ":" + NetworkLabFixture.StunPort;

    public Task InitializeAsync() => _lab.ResetAsync();

    public Task DisposeAsync() => _lab.ResetAsync();

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Reports_the_NAT_public_address_as_mapped_and_the_RFC_5780_other_address(string transport)
    {
        var run = await LabCli.StunAsync(_lab, "--server", Server, "--transport", transport, "--timeout", "5");

        Assert.True(run.Process.ExitCode == 0, run.ToString());
        var result = run.Single;
        LabAssert.SucceededBehindNat(result, run);
        Assert.Equal(NetworkLabFixture.ServerAddress, result.Server);
        Assert.Equal(transport, result.Transport.ToString(), ignoreCase: true);
        Assert.Equal(NetworkLabFixture.AlternateServerAddress + ":" + NetworkLabFixture.AlternatePort, result.OtherAddress);
        Assert.Equal(0, result.Retransmissions);
    }
}
