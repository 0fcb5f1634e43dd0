using System.Text.Json;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary><c>telnyxnet turn</c> as a process against the shared coturn (alice / secret123, realm test.local): relays, failures, the three output formats, and secrets kept out of every output.</summary>
[Collection(CoturnCollection.Name)]
public sealed class CliTurnTests
{
    private const string WrongPassword = "wrong-password-4242";
    private readonly CoturnFixture _coturn;

    public CliTurnTests(CoturnFixture coturn) => _coturn = coturn;

    private string HostPort => "127.0.0.1:" + _coturn.ListeningPort;

    private static IReadOnlyDictionary<string, string?> Alice => TurnCliRuns.Environment(password: CoturnFixture.Password);

    [Fact]
    public async Task Relays_over_UDP_and_TCP_of_a_plain_host_and_exits_0()
    {
        var run = await TelnyxCli.RunAsync(Alice, "turn", "--server", HostPort, "--username", CoturnFixture.Username);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "Server", "Transport", "Status", "RelayedAddress", "RelayVerified", "AllocateTimeMs", "FailureReason" }, lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var rows = lines.Where(l => l.StartsWith(HostPort, StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(new[] { "Udp", "Tcp" }, rows.Select(r => r[1]));
        Assert.All(rows, r =>
        {
            Assert.Equal("Succeeded", r[2]);
            Assert.StartsWith("127.0.0.1:", r[3], StringComparison.Ordinal);
            Assert.Equal("True", r[4]);
        });
        Assert.DoesNotContain("Fix:", run.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("udp", "Udp")]
    [InlineData("tcp", "Tcp")]
    public async Task Prints_camelCase_JSON_of_a_verified_relay_that_was_deleted(string query, string transport)
    {
        var run = await TelnyxCli.RunAsync(Alice, "turn", "--server", "turn:" + HostPort + "?transport=" + query, "--username", CoturnFixture.Username, "--json");

        var result = Assert.Single(TurnCliRuns.Json(run, 0));
        Assert.Equal(transport, result.GetProperty("transport").GetString());
        Assert.Equal("Succeeded", result.GetProperty("status").GetString());
        Assert.True(result.GetProperty("relayVerified").GetBoolean());
        Assert.Equal("127.0.0.1", result.GetProperty("relayedAddress").GetString());
        Assert.Equal("Credential", result.GetProperty("credentialSource").GetString());
        Assert.Equal(CoturnFixture.Username, result.GetProperty("username").GetString());
        Assert.Equal(CoturnFixture.Realm, result.GetProperty("realm").GetString());
        Assert.True(result.GetProperty("deallocated").GetBoolean());
        Assert.False(result.TryGetProperty("Status", out _), "property names must be camelCase");
    }

    [Fact]
    public async Task Relays_over_TLS_when_the_system_trust_store_is_the_test_CA()
    {
        var caFile = Path.Combine(Path.GetTempPath(), "telnyxnet-cli-ca-" + Guid.NewGuid().ToString("N") + ".pem");
        try
        {
            await File.WriteAllTextAsync(caFile, _coturn.CaCertificate.ExportCertificatePem());
            var environment = TurnCliRuns.Environment(password: CoturnFixture.Password, caFile: caFile);

            var run = await TelnyxCli.RunAsync(environment, "turn", "--server", "turns:127.0.0.1:" + _coturn.TlsPort, "--username", CoturnFixture.Username, "--json");

            var result = Assert.Single(TurnCliRuns.Json(run, 0));
            Assert.Equal("Tls", result.GetProperty("transport").GetString());
            Assert.Equal("Succeeded", result.GetProperty("status").GetString());
            Assert.True(result.GetProperty("relayVerified").GetBoolean());
            Assert.NotEmpty(result.GetProperty("tlsProtocol").GetString()!);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact]
    public async Task Exits_1_with_AuthenticationFailed_in_JSON_for_a_wrong_password()
    {
        var run = await TelnyxCli.RunAsync(TurnCliRuns.Environment(password: WrongPassword), "turn", "--server", "turn:" + HostPort, "--username", CoturnFixture.Username, "--json");

        var result = Assert.Single(TurnCliRuns.Json(run, 1));
        Assert.Equal("Failed", result.GetProperty("status").GetString());
        Assert.Equal("AuthenticationFailed", result.GetProperty("failureReason").GetString());
        Assert.True(result.GetProperty("serverReachable").GetBoolean());
        Assert.Equal(401, result.GetProperty("errorCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("deallocated").ValueKind);
        Assert.NotEmpty(result.GetProperty("remediation").GetString()!);
    }

    [Fact]
    public async Task Uses_the_SDK_default_credential_without_username_even_when_a_password_is_set()
    {
        var run = await TelnyxCli.RunAsync(TurnCliRuns.Environment(password: CoturnFixture.Password), "turn", "--server", "turn:" + HostPort, "--json");

        var result = Assert.Single(TurnCliRuns.Json(run, 1));
        Assert.Equal("Default", result.GetProperty("credentialSource").GetString());
        Assert.Equal("AuthenticationFailed", result.GetProperty("failureReason").GetString());
        Assert.NotEqual(CoturnFixture.Username, result.GetProperty("username").GetString());
    }

    [Fact]
    public async Task Prints_a_fix_under_the_table_for_a_failure()
    {
        var run = await TelnyxCli.RunAsync(TurnCliRuns.Environment(password: WrongPassword), "turn", "--server", "turn:" + HostPort, "--username", CoturnFixture.Username);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("AuthenticationFailed", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(run.StandardOutput.Split('\n'), l => l.TrimStart().StartsWith("Fix:", StringComparison.Ordinal) && l.Trim().Length > "Fix:".Length);
    }

    [Fact]
    public async Task Tests_only_the_transports_that_transport_names()
    {
        var run = await TelnyxCli.RunAsync(Alice, "turn", "--server", HostPort, "--transport", "tcp", "--username", CoturnFixture.Username, "--json");

        var result = Assert.Single(TurnCliRuns.Json(run, 0));
        Assert.Equal("Tcp", result.GetProperty("transport").GetString());
    }

    [Fact]
    public async Task Allocates_only_with_skip_relay_check()
    {
        var run = await TelnyxCli.RunAsync(Alice, "turn", "--server", "turn:" + HostPort, "--username", CoturnFixture.Username, "--skip-relay-check", "--json");

        var result = Assert.Single(TurnCliRuns.Json(run, 0));
        Assert.Equal("Succeeded", result.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("relayVerified").ValueKind);
        Assert.True(result.GetProperty("deallocated").GetBoolean());
    }

    [Fact]
    public async Task Prints_CSV_with_Export_Csv_headers()
    {
        var run = await TelnyxCli.RunAsync(Alice, "turn", "--server", "turn:" + HostPort, "--username", CoturnFixture.Username, "--csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(2, lines.Length);
        var headers = lines[0].Split(',');
        var values = lines[1].Split(',');
        Assert.Equal(headers.Length, values.Length);
        Assert.Equal(new[] { "\"ComputerName\"", "\"Server\"", "\"Port\"", "\"Transport\"", "\"Status\"", "\"FailureReason\"" }, headers.Take(6));
        Assert.Equal("\"Succeeded\"", values[Array.IndexOf(headers, "\"Status\"")]);
        Assert.Equal("\"True\"", values[Array.IndexOf(headers, "\"RelayVerified\"")]);
        Assert.Equal("\"Credential\"", values[Array.IndexOf(headers, "\"CredentialSource\"")]);
    }

    [Theory]
    [InlineData(CoturnFixture.Password, "--json", 0)]
    [InlineData(CoturnFixture.Password, "--csv", 0)]
    [InlineData(CoturnFixture.Password, "--verbose", 0)]
    [InlineData(WrongPassword, "--json", 1)]
    [InlineData(WrongPassword, "--verbose", 1)]
    public async Task Never_prints_the_password_or_its_key(string password, string format, int exitCode)
    {
        var run = await TelnyxCli.RunAsync(
            TurnCliRuns.Environment(password: password),
            "turn", "--server", "turn:" + HostPort + "?transport=udp", "--server", "turn:" + HostPort + "?transport=tcp", "--username", CoturnFixture.Username, "--verbose", format);

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains("VERBOSE: ", run.StandardError, StringComparison.Ordinal);
        Assert.Contains(CoturnFixture.Username, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        TurnCliRuns.AssertNoSecret(run, TurnCliRuns.SecretForms(CoturnFixture.Username, CoturnFixture.Realm, password));
    }
}
