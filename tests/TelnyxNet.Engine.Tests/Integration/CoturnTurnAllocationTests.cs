using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>TURN allocations (RFC 8656) through the real probe path against the shared coturn on loopback: long-term credentials alice / secret123, realm test.local.</summary>
[Collection(CoturnCollection.Name)]
public sealed class CoturnTurnAllocationTests
{
    private readonly CoturnFixture _coturn;

    public CoturnTurnAllocationTests(CoturnFixture coturn) => _coturn = coturn;

    private static TurnCredential Alice => TurnCredential.FromPassword(CoturnFixture.Username, Secrets.Secure(CoturnFixture.Password));

    [Theory]
    [InlineData("turn:127.0.0.1:{0}?transport=udp", TransportProtocol.Udp)]
    [InlineData("turn:127.0.0.1:{0}?transport=tcp", TransportProtocol.Tcp)]
    public async Task Allocates_and_proves_the_relay_both_ways(string uri, TransportProtocol transport)
    {
        var result = await TurnRun.OneAsync(Options(string.Format(System.Globalization.CultureInfo.InvariantCulture, uri, _coturn.ListeningPort)));

        TurnRun.AssertRelayed(result);
        Assert.Equal(transport.ToString(), result.Transport);
        Assert.Equal("127.0.0.1", result.RelayedAddress);
        Assert.InRange(result.RelayedPort!.Value, _coturn.MinRelayPort, _coturn.MaxRelayPort);
        Assert.Equal("127.0.0.1", result.MappedAddress);
        Assert.Equal(result.LocalPort, result.MappedPort);
        Assert.Equal(CoturnFixture.Realm, result.Realm);
        Assert.Equal(nameof(CredentialSource.Credential), result.CredentialSource);
        Assert.Equal(CoturnFixture.Username, result.Username);
        Assert.Equal("MD5", result.PasswordAlgorithm);
        Assert.Contains("Coturn", result.ServerSoftware, StringComparison.Ordinal);
        Assert.Null(result.ErrorCode);
    }

    [Fact]
    public async Task Allocates_over_TLS_when_the_test_CA_is_trusted()
    {
        var result = await TurnRun.OneAsync(Options("turns:127.0.0.1:" + _coturn.TlsPort, _coturn.TrustTestCa));

        TurnRun.AssertRelayed(result);
        Assert.Equal(nameof(TransportProtocol.Tls), result.Transport);
        Assert.NotEmpty(result.TlsProtocol);
    }

    [Fact]
    public async Task Fails_TLS_with_a_certificate_the_system_does_not_trust()
    {
        var result = await TurnRun.OneAsync(Options("turns:127.0.0.1:" + _coturn.TlsPort));

        TurnRun.AssertFailed(result, FailureReason.TlsFailure);
        Assert.False(result.ServerReachable);
        Assert.Null(result.Deallocated);
    }

    [Fact]
    public async Task Allocates_for_a_client_on_IPv6_loopback()
    {
        var result = await TurnRun.OneAsync(Options("turn:[::1]:" + _coturn.ListeningPort));

        TurnRun.AssertRelayed(result);
        Assert.Equal("::1", result.RemoteAddress);
    }

    [Fact]
    public async Task Reports_a_wrong_password_as_authentication_failed_on_a_reachable_server()
    {
        var wrong = TurnCredential.FromPassword(CoturnFixture.Username, Secrets.Secure("not-the-password"));

        var result = await TurnRun.OneAsync(Options("turn:127.0.0.1:" + _coturn.ListeningPort, credential: wrong));

        TurnRun.AssertFailed(result, FailureReason.AuthenticationFailed);
        Assert.True(result.ServerReachable);
        Assert.Equal(401, result.ErrorCode);
        Assert.Equal(CoturnFixture.Realm, result.Realm);
        Assert.Null(result.Deallocated);
        Assert.Empty(result.RelayedAddress);
        Assert.Contains("reachable", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_the_SDK_default_credential_when_the_server_refuses_it()
    {
        var result = await TurnRun.OneAsync(Options("turn:127.0.0.1:" + _coturn.ListeningPort, credential: TurnCredential.TelnyxDefault));

        TurnRun.AssertFailed(result, FailureReason.AuthenticationFailed);
        Assert.Equal(nameof(CredentialSource.Default), result.CredentialSource);
        Assert.Equal("testuser", result.Username);
        Assert.Contains("default credential", result.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skips_the_relay_check_when_asked()
    {
        var result = await TurnRun.OneAsync(Options("turn:127.0.0.1:" + _coturn.ListeningPort, skipRelayCheck: true));

        Assert.Equal(ProbeStatus.Succeeded, result.Outcome);
        Assert.Null(result.RelayVerified);
        Assert.Null(result.RelayRoundTripTimeMs);
        Assert.True(result.Deallocated);
    }

    [Fact]
    public async Task Tests_UDP_and_TCP_in_parallel_for_a_plain_host()
    {
        Assert.True(TurnServerAddress.TryParse("127.0.0.1:" + _coturn.ListeningPort, null, out var servers, out var error), error?.Message);

        var results = await TurnRun.AllAsync(Options(servers));

        Assert.Equal(new[] { "Udp", "Tcp" }, results.Select(r => r.Transport));
        Assert.All(results, TurnRun.AssertRelayed);
    }

    [Theory]
    [InlineData(TransportProtocol.Udp)]
    [InlineData(TransportProtocol.Tcp)]
    public async Task Deletes_the_allocation_when_cancelled_in_the_middle_of_the_relay_check(TransportProtocol transport)
    {
        using var cancel = new CancellationTokenSource();
        var log = new CancellingLog("Allocated relay", cancel);
        var options = Options("turn:127.0.0.1:" + _coturn.ListeningPort + "?transport=" + transport.ToString().ToLowerInvariant());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TurnRun.AllAsync(options, log, cancel.Token));

        Assert.Contains(log.Lines, l => l.StartsWith("Allocation 127.0.0.1:", StringComparison.Ordinal) && l.EndsWith(" deleted.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TransportProtocol.Udp)]
    [InlineData(TransportProtocol.Tcp)]
    public async Task Verifies_the_relay_with_a_second_allocation_when_UDP_from_here_to_the_server_is_blocked(TransportProtocol transport)
    {
        FilteringDatagramSocket? peer = null;
        var options = Options("turn:127.0.0.1:" + _coturn.ListeningPort + "?transport=" + transport.ToString().ToLowerInvariant(), peerSocket: family => peer = new FilteringDatagramSocket(UnconnectedUdpSocket.Open(family), _ => false));

        var result = await TurnRun.OneAsync(options);

        TurnRun.AssertRelayed(result);
        Assert.Contains("second allocation", result.Message, StringComparison.Ordinal);
        Assert.Contains("UDP from this machine to 127.0.0.1:" + _coturn.ListeningPort + " is blocked", result.Message, StringComparison.Ordinal);
        Assert.True(peer!.Dropped >= 1, "the blocked peer never tried");
    }

    [Fact]
    public async Task Verifies_the_relay_with_a_second_allocation_when_only_the_server_port_is_open_to_UDP()
    {
        var serverPort = _coturn.ListeningPort;
        FilteringDatagramSocket? peer = null;
        var options = Options("turn:127.0.0.1:" + serverPort, peerSocket: family => peer = new FilteringDatagramSocket(UnconnectedUdpSocket.Open(family), e => ((IPEndPoint)e).Port == serverPort));

        var result = await TurnRun.OneAsync(options);

        TurnRun.AssertRelayed(result);
        Assert.Contains("second allocation", result.Message, StringComparison.Ordinal);
        Assert.Contains("never reached", result.Message, StringComparison.Ordinal);
        Assert.True(peer!.Dropped >= 1, "the firewall dropped nothing");
    }

    [Fact]
    public async Task Keeps_the_password_and_its_key_out_of_results_log_and_progress()
    {
        var log = new CollectingLog();
        var progress = new CollectingProgress();
        var servers = new[] { TurnRun.Server("turn:127.0.0.1:" + _coturn.ListeningPort), TurnRun.Server("turn:127.0.0.1:" + _coturn.ListeningPort + "?transport=tcp") };
        var wrong = TurnCredential.FromPassword(CoturnFixture.Username, Secrets.Secure("wrong-" + CoturnFixture.Password));

        var good = await TurnAllocationProbe.RunAsync(Options(servers), log, progress, CancellationToken.None);
        var bad = await TurnAllocationProbe.RunAsync(Options(servers, credential: wrong), log, progress, CancellationToken.None);

        var everything = string.Join("\n", log.Lines.Concat(progress.Reports.Select(p => p.Activity + " " + p.Status)))
            + System.Text.Json.JsonSerializer.Serialize(good.Concat(bad))
            + string.Join("\n", good.Concat(bad).Select(r => r.ToString()));
        Assert.All(good, TurnRun.AssertRelayed);
        Assert.All(bad, r => TurnRun.AssertFailed(r, FailureReason.AuthenticationFailed));
        foreach (var password in new[] { CoturnFixture.Password, "wrong-" + CoturnFixture.Password })
        {
            var key = Engine.Stun.StunCredentials.LongTermKey(CoturnFixture.Username, CoturnFixture.Realm, password);
            Assert.DoesNotContain(password, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(key), everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(key), everything, StringComparison.Ordinal);
        }
    }

    private static TurnAllocationOptions Options(string server, RemoteCertificateValidationCallback? validation = null, TurnCredential? credential = null, bool skipRelayCheck = false, Func<AddressFamily, IDatagramSocket>? peerSocket = null) =>
        Options(new[] { TurnRun.Server(server) }, validation, credential, skipRelayCheck, peerSocket);

    private static TurnAllocationOptions Options(IReadOnlyList<TurnServerAddress> servers, RemoteCertificateValidationCallback? validation = null, TurnCredential? credential = null, bool skipRelayCheck = false, Func<AddressFamily, IDatagramSocket>? peerSocket = null) => new()
    {
        Servers = servers,
        Credential = credential ?? Alice,
        Timeout = TimeSpan.FromSeconds(10),
        CertificateValidation = validation,
        SkipRelayCheck = skipRelayCheck,
        OpenPeerSocket = peerSocket ?? UnconnectedUdpSocket.Open,
    };
}
