using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary><c>telnyxnet</c> as a process without a server: failures, usage errors (exit code 2) and help.</summary>
public sealed class CliUsageTests
{
    [Fact]
    public async Task Exits_1_with_Refused_and_a_fix_when_nothing_listens()
    {
        var server = "127.0.0.1:" + FreePorts.Closed();

        var run = await TelnyxCli.RunAsync("stun", "--server", server);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Refused", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(run.StandardOutput.Split('\n'), l => l.TrimStart().StartsWith("Fix:", StringComparison.Ordinal) && l.Trim().Length > "Fix:".Length);
    }

    [Fact]
    public async Task Exits_2_and_names_the_value_of_a_bad_server()
    {
        var run = await TelnyxCli.RunAsync("stun", "--server", "bad host!");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'bad host!'", run.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--json --csv")]
    [InlineData("--count 0")]
    [InlineData("--timeout 0")]
    [InlineData("--transport sctp")]
    public async Task Exits_2_for_a_usage_error(string options)
    {
        var arguments = new[] { "stun", "--server", "127.0.0.1:" + FreePorts.Closed() }.Concat(options.Split(' ')).ToArray();

        var run = await TelnyxCli.RunAsync(arguments);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.NotEmpty(run.StandardError.Trim());
        Assert.Empty(run.StandardOutput.Trim());
    }

    [Fact]
    public async Task Help_lists_the_exit_codes()
    {
        var run = await TelnyxCli.RunAsync("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Exit codes", run.StandardOutput, StringComparison.Ordinal);
        foreach (var code in new[] { "0 ", "1 ", "2 ", "130 " })
        {
            Assert.Contains(code, run.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("stun", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stun_help_lists_every_option()
    {
        var run = await TelnyxCli.RunAsync("stun", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--server", "--transport", "--family", "--timeout", "--count", "--json", "--csv" })
        {
            Assert.Contains(option, run.StandardOutput, StringComparison.Ordinal);
        }
    }
}
