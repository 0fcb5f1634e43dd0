using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>coturn with <c>--alternate-server</c>: Allocate gets 300 Try Alternate with ALTERNATE-SERVER (RFC 8489 §10), and the alternate serves.</summary>
[Collection(AlternateServerCoturnCollection.Name)]
public sealed class CoturnAlternateServerTests
{
    private readonly AlternateServerCoturnFixture _servers;

    public CoturnAlternateServerTests(AlternateServerCoturnFixture servers) => _servers = servers;

    [Fact]
    public async Task Redirects_an_Allocate_with_300_naming_the_alternate_which_allocates()
    {
        await using var redirected = RawTurnClient.OverUdp(_servers.Redirecting.EndPoint);

        var answer = await redirected.AllocateAsync(AlternateServerCoturnFixture.User);

        Assert.Equal("Try Alternate", TurnAssert.Error(answer, 300));
        var alternate = answer.GetAttribute<StunAddressAttribute>(StunAttributeType.AlternateServer)?.EndPoint;
        Assert.Equal(_servers.Alternate.EndPoint, alternate);
        Assert.Null(answer.GetAttribute(StunAttributeType.Nonce));
        await using var client = RawTurnClient.OverUdp(alternate!);
        TurnAssert.Allocated(await client.AllocateAsync(AlternateServerCoturnFixture.User));
        Assert.Equal(1, await _servers.Alternate.Admin.AllocationCountAsync(AlternateServerCoturnFixture.User.Name));
        Assert.Equal(0, await _servers.Redirecting.Admin.AllocationCountAsync());
    }

    [Fact]
    public async Task Redirects_over_TCP_too()
    {
        await using var redirected = await RawTurnClient.OverTcpAsync(_servers.Redirecting.EndPoint);

        var answer = await redirected.AllocateAsync();

        TurnAssert.Error(answer, 300);
        Assert.Equal(_servers.Alternate.EndPoint, answer.GetAttribute<StunAddressAttribute>(StunAttributeType.AlternateServer)?.EndPoint);
    }
}
