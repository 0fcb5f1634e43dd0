namespace TelnyxNet.Engine.Tests.Lab;

/// <summary><c>telnyxnet stun</c> from 10.0.0.2 behind a MASQUERADE NAT to coturn on 203.0.113.10: what the server sees, over UDP and TCP.</summary>
[Trait("Category", "Lab")]
public sealed class NatTraversalTests
{
    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Reports_the_NAT_public_address_as_mapped_and_the_RFC_5780_other_address(string transport)
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.EndpointIndependentNat);

        var run = await LabCli.StunAsync(lab, "--server", LabProbe.At(NetworkLab.ServerAddress, NetworkLab.StunPort), "--transport", transport, "--timeout", "5");

        Assert.True(run.Process.ExitCode == 0, run.ToString());
        var result = run.Single;
        LabAssert.SucceededBehindNat(result, run);
        Assert.Equal(NetworkLab.ServerAddress, result.Server);
        Assert.Equal(transport, result.Transport.ToString(), ignoreCase: true);
        Assert.Equal(NetworkLab.AlternateServerAddress + ":" + NetworkLab.AlternatePort, result.OtherAddress);
        Assert.Equal(0, result.Retransmissions);
    }
}
