using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>
/// Every bad option value, in every subcommand, is a usage error: exit code 2 and one line on
/// standard error that names the option and the value, with no exception and no stack trace.
/// </summary>
public sealed class CliBadValueTests
{
    [Theory]
    [InlineData("stun", "--timeout", "abc")]
    [InlineData("stun", "--timeout", "99999999999")]
    [InlineData("stun", "--timeout", "-1")]
    [InlineData("stun", "--timeout", "1.5")]
    [InlineData("stun", "--count", "1.5")]
    [InlineData("stun", "--count", "0")]
    [InlineData("stun", "--count", "x1")]
    [InlineData("stun", "--throttle", "0")]
    [InlineData("stun", "--throttle", "many")]
    [InlineData("stun", "--family", "ipv5")]
    [InlineData("stun", "--transport", "sctp")]
    [InlineData("turn", "--timeout", "abc")]
    [InlineData("turn", "--timeout", "601")]
    [InlineData("turn", "--throttle", "1025")]
    [InlineData("turn", "--family", "ipv5")]
    [InlineData("turn", "--transport", "sctp")]
    [InlineData("sip", "--throttle", "0")]
    [InlineData("media", "--throttle", "1025")]
    [InlineData("signaling", "--throttle", "many")]
    public async Task Exits_2_with_one_line_naming_the_option_and_the_value(string command, string option, string value)
    {
        var target = "127.0.0.1:" + FreePorts.Closed();
        var run = command == "signaling"
            ? await TelnyxCli.RunAsync(TurnCliRuns.Environment(), command, "--uri", "wss://" + target + "/", option, value)
            : await TelnyxCli.RunAsync(TurnCliRuns.Environment(), command, "--server", target, option, value);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.Contains("'" + value + "'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput.Trim());
    }
}
