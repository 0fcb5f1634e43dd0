using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>STUN Binding (RFC 8489 §3) through the real probe path (system clock, system resolver, real sockets) against coturn on loopback.</summary>
[Collection(CoturnCollection.Name)]
public sealed class CoturnStunBindingTests
{
    private readonly CoturnFixture _coturn;

    public CoturnStunBindingTests(CoturnFixture coturn) => _coturn = coturn;

    [Fact]
    public async Task Binds_over_UDP_and_reports_the_RFC_5780_addresses()
    {
        var result = await ProbeRun.OneAsync(Options(TransportProtocol.Udp, "127.0.0.1:" + _coturn.ListeningPort));

        ProbeRun.AssertSucceeded(result);
        Assert.Equal(nameof(TransportProtocol.Udp), result.Transport);
        Assert.Equal("127.0.0.1", result.RemoteAddress);
        Assert.Equal("127.0.0.1", result.LocalAddress);
        Assert.Equal("127.0.0.1", result.MappedAddress);
        Assert.NotNull(result.LocalPort);
        Assert.Equal(result.LocalPort, result.MappedPort);
        Assert.False(result.BehindNat);
        Assert.Contains("Coturn", result.ServerSoftware, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1:" + _coturn.ListeningPort, result.ResponseOrigin);
        Assert.Equal("127.0.0.2:" + _coturn.AltListeningPort, result.OtherAddress);
        Assert.Equal(1, result.Sent);
        Assert.Equal(1, result.Received);
        Assert.Empty(result.TlsProtocol);
    }

    [Fact]
    public async Task Binds_over_TCP()
    {
        var result = await ProbeRun.OneAsync(Options(TransportProtocol.Tcp, "127.0.0.1:" + _coturn.ListeningPort));

        ProbeRun.AssertSucceeded(result);
        Assert.Equal(nameof(TransportProtocol.Tcp), result.Transport);
        Assert.Equal("127.0.0.1", result.MappedAddress);
        Assert.Equal(result.LocalPort, result.MappedPort);
        Assert.False(result.BehindNat);
        Assert.Equal(0, result.Retransmissions);
        Assert.Empty(result.TlsProtocol);
    }

    [Fact]
    public async Task Binds_over_TLS_when_the_test_CA_is_trusted()
    {
        var options = Options(TransportProtocol.Tls, "127.0.0.1:" + _coturn.TlsPort, _coturn.TrustTestCa);

        var result = await ProbeRun.OneAsync(options);

        ProbeRun.AssertSucceeded(result);
        Assert.Equal(nameof(TransportProtocol.Tls), result.Transport);
        Assert.NotEmpty(result.TlsProtocol);
        Assert.Equal("127.0.0.1", result.MappedAddress);
        Assert.Equal(result.LocalPort, result.MappedPort);
    }

    [Fact]
    public async Task Binds_over_TLS_by_name_when_the_certificate_names_localhost()
    {
        var options = Options(TransportProtocol.Tls, "localhost:" + _coturn.TlsPort, _coturn.TrustTestCa, AddressFamilyPreference.IPv4);

        var result = await ProbeRun.OneAsync(options);

        ProbeRun.AssertSucceeded(result);
        Assert.Equal("localhost", result.Server);
        Assert.Equal("127.0.0.1", result.RemoteAddress);
        Assert.NotEmpty(result.TlsProtocol);
    }

    [Fact]
    public async Task Reports_a_TLS_failure_naming_the_certificate_when_the_system_does_not_trust_it()
    {
        var result = await ProbeRun.OneAsync(Options(TransportProtocol.Tls, "127.0.0.1:" + _coturn.TlsPort));

        ProbeRun.AssertFailed(result, FailureReason.TlsFailure);
        Assert.Contains("certificate", result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(result.MappedAddress);
    }

    [Fact]
    public async Task Reports_a_TLS_failure_when_the_certificate_does_not_name_the_address()
    {
        var result = await ProbeRun.OneAsync(Options(TransportProtocol.Tls, "127.0.0.2:" + _coturn.TlsPort, _coturn.TrustTestCa));

        ProbeRun.AssertFailed(result, FailureReason.TlsFailure);
        Assert.Contains("NameMismatch", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TransportProtocol.Udp)]
    [InlineData(TransportProtocol.Tcp)]
    public async Task Binds_over_IPv6_loopback(TransportProtocol transport)
    {
        var result = await ProbeRun.OneAsync(Options(transport, "[::1]:" + _coturn.ListeningPort));

        ProbeRun.AssertSucceeded(result);
        Assert.Equal("::1", result.RemoteAddress);
        Assert.Equal("::1", result.LocalAddress);
        Assert.Equal("::1", result.MappedAddress);
        Assert.Equal(result.LocalPort, result.MappedPort);
        Assert.False(result.BehindNat);
    }

    [Fact]
    public async Task Answers_all_ten_requests_of_a_count_of_ten_over_UDP()
    {
        var options = new StunBindingOptions
        {
            Servers = new[] { ProbeRun.Server("127.0.0.1:" + _coturn.ListeningPort, TransportProtocol.Udp) },
            Count = 10,
        };

        var result = await ProbeRun.OneAsync(options);

        ProbeRun.AssertSucceeded(result);
        Assert.Equal(10, result.Sent);
        Assert.Equal(10, result.Received);
        Assert.True(result.MinRoundTripTimeMs <= result.RoundTripTimeMs && result.RoundTripTimeMs <= result.MaxRoundTripTimeMs, result.MinRoundTripTimeMs + " <= " + result.RoundTripTimeMs + " <= " + result.MaxRoundTripTimeMs);
    }

    [Fact]
    public async Task Returns_one_result_per_server_in_the_order_given()
    {
        var closed = FreePorts.Closed();
        var options = new StunBindingOptions
        {
            Servers = new[]
            {
                ProbeRun.Server("127.0.0.1:" + _coturn.ListeningPort, TransportProtocol.Udp),
                ProbeRun.Server("127.0.0.1:" + closed, TransportProtocol.Udp),
            },
        };

        var results = await ProbeRun.AllAsync(options);

        Assert.Equal(2, results.Count);
        Assert.Equal(_coturn.ListeningPort, results[0].Port);
        ProbeRun.AssertSucceeded(results[0]);
        Assert.Equal(closed, results[1].Port);
        ProbeRun.AssertFailed(results[1], FailureReason.Refused);
    }

    [Fact]
    public async Task Resolves_localhost_to_127_0_0_1_when_IPv4_is_asked()
    {
        var result = await ProbeRun.OneAsync(Options(TransportProtocol.Udp, "localhost:" + _coturn.ListeningPort, family: AddressFamilyPreference.IPv4));

        ProbeRun.AssertSucceeded(result);
        Assert.Equal("localhost", result.Server);
        Assert.Equal("127.0.0.1", result.RemoteAddress);
        Assert.Equal("127.0.0.1", result.MappedAddress);
        Assert.Equal(AddressFamily.InterNetwork, IPAddress.Parse(result.LocalAddress).AddressFamily);
    }

    private static StunBindingOptions Options(TransportProtocol transport, string server, RemoteCertificateValidationCallback? validation = null, AddressFamilyPreference family = AddressFamilyPreference.Any) => new()
    {
        Servers = new[] { ProbeRun.Server(server, transport) },
        AddressFamily = family,
        CertificateValidation = validation,
    };
}
