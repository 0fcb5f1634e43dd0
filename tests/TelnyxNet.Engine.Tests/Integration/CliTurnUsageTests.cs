using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary><c>telnyxnet turn</c> as a process without a TURN server: usage errors (exit code 2), passwords never from the command line, help.</summary>
public sealed class CliTurnUsageTests
{
    private static IReadOnlyDictionary<string, string?> NoSecrets => TurnCliRuns.Environment();

    private static string Closed => "127.0.0.1:" + FreePorts.Closed();

    [Theory]
    [InlineData("--password", "secret123")]
    [InlineData("--secret", "secret123")]
    [InlineData("--shared-secret", "secret123")]
    public async Task Takes_no_secret_on_the_command_line(string option, string value)
    {
        var run = await TelnyxCli.RunAsync(NoSecrets, "turn", "--server", Closed, "--username", "alice", option, value);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'" + value + "'", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput.Trim());
    }

    [Fact]
    public async Task Exits_2_when_username_has_no_password_variable_and_no_terminal()
    {
        var run = await TelnyxCli.RunAsync(NoSecrets, "turn", "--server", Closed, "--username", "alice");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("TELNYXNET_TURN_PASSWORD", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("never taken from the command line", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput.Trim());
    }

    [Fact]
    public async Task Exits_2_for_a_user_name_too_long_for_USERNAME_before_asking_for_a_password()
    {
        var run = await TelnyxCli.RunAsync(NoSecrets, "turn", "--server", Closed, "--username", new string('a', 509));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--username: the user name must be under 509 bytes", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("TELNYXNET_TURN_PASSWORD", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_2_when_shared_secret_has_no_secret_variable_and_no_terminal()
    {
        var run = await TelnyxCli.RunAsync(TurnCliRuns.Environment(password: "a-password-is-not-a-secret"), "turn", "--server", Closed, "--shared-secret");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("TELNYXNET_TURN_SECRET", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("bad host!")]
    [InlineData("turn://127.0.0.1")]
    [InlineData("stun:127.0.0.1")]
    [InlineData("turns:127.0.0.1?transport=udp")]
    public async Task Exits_2_and_names_the_value_of_a_bad_server_before_asking_for_a_password(string value)
    {
        var run = await TelnyxCli.RunAsync(NoSecrets, "turn", "--server", value, "--username", "alice");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'" + value + "'", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("TELNYXNET_TURN_PASSWORD", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_2_with_one_line_naming_the_value_when_transport_conflicts_with_a_URI()
    {
        var run = await TelnyxCli.RunAsync(NoSecrets, "turn", "--server", "turns:127.0.0.1", "--transport", "udp");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("telnyxnet: 'turns:127.0.0.1' is not a valid TURN server: the URI names TLS (turns:), but the transports asked for are Udp; drop -Transport (--transport) or change the URI.", run.StandardError.Trim());
        Assert.Empty(run.StandardOutput);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--json --csv")]
    [InlineData("--timeout 0")]
    [InlineData("--timeout 601")]
    [InlineData("--transport sctp")]
    [InlineData("--family ipv5")]
    [InlineData("--username")]
    public async Task Exits_2_for_a_usage_error(string options)
    {
        var arguments = new[] { "turn", "--server", Closed }.Concat(options.Split(' ')).ToArray();

        var run = await TelnyxCli.RunAsync(NoSecrets, arguments);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.NotEmpty(run.StandardError.Trim());
        Assert.Empty(run.StandardOutput.Trim());
    }

    [Fact]
    public async Task Exits_1_with_Refused_and_a_fix_when_nothing_listens()
    {
        var run = await TelnyxCli.RunAsync(NoSecrets, "turn", "--server", "turn:" + Closed + "?transport=udp", "--timeout", "5");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Refused", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(run.StandardOutput.Split('\n'), l => l.TrimStart().StartsWith("Fix:", StringComparison.Ordinal) && l.Trim().Length > "Fix:".Length);
    }

    [Fact]
    public async Task Turn_help_lists_every_option_and_where_secrets_come_from()
    {
        var run = await TelnyxCli.RunAsync("turn", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--server", "--username", "--shared-secret", "--transport", "--skip-relay-check", "--family", "--timeout", "--json", "--csv", "--verbose" })
        {
            Assert.Contains(option, run.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("TELNYXNET_TURN_PASSWORD", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("TELNYXNET_TURN_SECRET", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("--password", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_turn_command()
    {
        var run = await TelnyxCli.RunAsync("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.StandardOutput.Split('\n'), l => l.TrimStart().StartsWith("turn ", StringComparison.Ordinal));
    }
}
