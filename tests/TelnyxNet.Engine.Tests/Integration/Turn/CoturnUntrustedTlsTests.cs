using System.Net.Security;
using System.Security.Authentication;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>coturn presenting a self-signed certificate: certificate validation fails, although the server itself works.</summary>
[Collection(UntrustedTlsCoturnCollection.Name)]
public sealed class CoturnUntrustedTlsTests
{
    private readonly CoturnTurnServer _coturn;

    public CoturnUntrustedTlsTests(UntrustedTlsCoturnFixture fixture) => _coturn = fixture.Server;

    [Fact]
    public async Task Fails_the_system_certificate_check_with_an_untrusted_chain()
    {
        var seen = SslPolicyErrors.None;

        var failure = await Assert.ThrowsAsync<AuthenticationException>(() => RawTurnClient.OverTlsAsync(_coturn.TlsEndPoint, "127.0.0.1", (_, _, _, errors) =>
        {
            seen = errors;
            return errors == SslPolicyErrors.None;
        }));

        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, seen);
        Assert.Contains("certificate", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Fails_a_check_that_trusts_only_the_test_CA()
    {
        using var authority = TestCertificates.Create();

        await Assert.ThrowsAsync<AuthenticationException>(() => RawTurnClient.OverTlsAsync(_coturn.TlsEndPoint, "127.0.0.1", authority.TrustTestCa));
    }

    [Fact]
    public async Task Challenges_over_TLS_when_the_certificate_is_accepted_anyway()
    {
        await using var client = await RawTurnClient.OverTlsAsync(_coturn.TlsEndPoint, "127.0.0.1", (_, _, _, _) => true);

        TurnAssert.Challenge(await client.AllocateAsync(), "test.local");
    }
}
