using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>What the client tests assume of coturn with long-term credentials (RFC 8656 §7, RFC 8489 §9.2), proven with raw messages.</summary>
[Collection(LongTermCoturnCollection.Name)]
public sealed class CoturnLongTermTests
{
    private static readonly TurnUser Alice = LongTermCoturnFixture.Alice;
    private readonly CoturnTurnServer _coturn;

    public CoturnLongTermTests(LongTermCoturnFixture fixture) => _coturn = fixture.Server;

    [Fact]
    public async Task Challenges_an_Allocate_without_credentials_with_401_REALM_and_NONCE_and_no_RFC_8489_algorithms()
    {
        await using var client = RawTurnClient.OverUdp(_coturn.EndPoint);

        var answer = await client.AllocateAsync();

        TurnAssert.Challenge(answer, "test.local");
        Assert.Equal("Unauthorized", TurnAssert.Error(answer, 401));
        Assert.StartsWith("Coturn-", answer.Software, StringComparison.Ordinal);
        Assert.Null(answer.GetAttribute(StunAttributeType.PasswordAlgorithms));
        Assert.Null(answer.GetAttribute(StunAttributeType.MessageIntegrity));
        Assert.Null(answer.GetAttribute(StunAttributeType.MessageIntegritySha256));
    }

    [Fact]
    public async Task Allocates_with_good_credentials_a_relay_in_its_range_signed_with_the_long_term_key()
    {
        await using var client = RawTurnClient.OverUdp(_coturn.EndPoint);

        var answer = await client.AllocateAsync(Alice);

        var relayed = TurnAssert.Allocated(answer);
        Assert.Equal(IPAddress.Loopback, relayed.Address);
        Assert.InRange(relayed.Port, _coturn.RelayPorts.Min, _coturn.RelayPorts.Max);
        Assert.Equal(client.LocalEndPoint, answer.MappedEndPoint);
        Assert.Equal(600UL, answer.GetAttribute<StunNumberAttribute>(StunAttributeType.Lifetime)?.Value);
        Assert.True(answer.VerifyMessageIntegrity(StunCredentials.LongTermKey(Alice.Name, "test.local", Alice.Password)));
    }

    [Theory]
    [InlineData("alice", "wrong-password")]
    [InlineData("nobody", "secret123")]
    public async Task Answers_a_wrong_password_or_unknown_user_with_401_again(string user, string password)
    {
        await using var client = RawTurnClient.OverUdp(_coturn.EndPoint);

        var answer = await client.AllocateAsync(new TurnUser(user, password));

        TurnAssert.Challenge(answer, "test.local");
        Assert.Equal("Unauthorized", TurnAssert.Error(answer, 401));
        Assert.Null(answer.GetAttribute(StunAttributeType.MessageIntegrity));
    }

    [Fact]
    public async Task Deletes_the_allocation_on_Refresh_with_LIFETIME_0_and_the_oracle_and_the_relay_ports_see_it_go()
    {
        var bob = LongTermCoturnFixture.Bob;
        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0, bob.Name));
        await using var client = RawTurnClient.OverUdp(_coturn.EndPoint);
        var relayed = TurnAssert.Allocated(await client.AllocateAsync(bob));

        var session = Assert.Single(await _coturn.Admin.SessionsAsync(bob.Name));
        Assert.Equal(bob.Name, session.User);
        Assert.Equal("UDP", session.ClientProtocol);
        Assert.Equal(client.LocalEndPoint.ToString(), session.ClientAddress);
        Assert.Equal(relayed.ToString(), Assert.Single(session.RelayAddresses));
        Assert.Contains(relayed.Port, _coturn.RelayPorts.InUse());

        var refresh = await client.RefreshAsync(0);

        Assert.Equal(StunClass.SuccessResponse, refresh.Class);
        Assert.Equal(0UL, refresh.GetAttribute<StunNumberAttribute>(StunAttributeType.Lifetime)?.Value);
        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0, bob.Name));
        await Eventually.True(() => !_coturn.RelayPorts.InUse().Contains(relayed.Port), "relay port " + relayed.Port + " released");
    }

    [Fact]
    public async Task Deletes_the_allocation_of_a_TCP_connection_that_closes()
    {
        var bob = LongTermCoturnFixture.Bob;
        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0, bob.Name));
        var client = await RawTurnClient.OverTcpAsync(_coturn.EndPoint);
        await using (client)
        {
            TurnAssert.Allocated(await client.AllocateAsync(bob));
            Assert.Equal("TCP", Assert.Single(await _coturn.Admin.SessionsAsync(bob.Name)).ClientProtocol);
            client.ForgetAllocation();
        }

        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0, bob.Name));
    }

    [Fact]
    public async Task Sees_the_allocations_of_an_independent_client_turnutils_uclient_and_cancels_them()
    {
        var carol = LongTermCoturnFixture.Carol;
        var uclient = BoundedProcess.Find("turnutils_uclient") ?? throw new InvalidOperationException("turnutils_uclient is missing: apt-get install coturn");
        var reference = CoturnProcess.Start(uclient, new[]
        {
            "-u", carol.Name, "-w", carol.Password, "-p", _coturn.Port.ToString(CultureInfo.InvariantCulture),
            "-n", "1000", "-z", "20", "-m", "1", "-c", "-e", "127.0.0.1", "-r", FreePorts.Closed().ToString(CultureInfo.InvariantCulture), "127.0.0.1",
        });
        try
        {
            Assert.True(await _coturn.Admin.WaitForAllocationsAsync(count => count > 0, carol.Name) > 0, "no allocation of turnutils_uclient seen; its output: " + reference.Log);
        }
        finally
        {
            await reference.StopAsync(TimeSpan.FromSeconds(3));
        }

        var leftovers = await _coturn.Admin.SessionsAsync(carol.Name);
        Assert.NotEmpty(leftovers);
        foreach (var session in leftovers)
        {
            await _coturn.Admin.CancelAsync(session.Id);
        }

        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0, carol.Name));
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Allocates_over_IPv6_a_relay_of_the_family_asked(AddressFamily family)
    {
        await using var client = RawTurnClient.OverUdp(_coturn.IPv6EndPoint);
        var request = new StunShortFieldAttribute(StunAttributeType.RequestedAddressFamily, family == AddressFamily.InterNetwork ? (ushort)1 : (ushort)2);

        var relayed = TurnAssert.Allocated(await client.AllocateAsync(Alice, request));

        Assert.Equal(family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, relayed.Address);
    }

    [Fact]
    public async Task Allocates_over_TLS_when_the_test_CA_is_trusted()
    {
        await using var client = await RawTurnClient.OverTlsAsync(_coturn.TlsEndPoint, "127.0.0.1", _coturn.TrustTestCa);

        var answer = await client.AllocateAsync(Alice);

        TurnAssert.Allocated(answer);
    }

    [Fact]
    public async Task Relays_to_a_loopback_peer_and_back_and_the_oracle_lists_the_peer()
    {
        await using var client = RawTurnClient.OverUdp(_coturn.EndPoint);
        var relayed = TurnAssert.Allocated(await client.AllocateAsync(Alice));

        var peer = await TurnAssert.RelaysBothWaysAsync(client, relayed);

        var session = Assert.Single(await _coturn.Admin.SessionsAsync(Alice.Name), s => s.ClientAddress == client.LocalEndPoint.ToString());
        Assert.Equal(new[] { peer.Address.ToString() }, session.Peers);
    }
}
