namespace TelnyxNet.Engine.Tests.Integration;

/// <summary><c>telnyxnet ice</c> and <c>telnyxnet nat</c> usage errors (exit code 2) and help, without a server.</summary>
public sealed class CliIceUsageTests
{
    [Theory]
    [InlineData("ice", "--server", "stun.example.net")]
    [InlineData("ice", "--server", "stuns:stun.example.net")]
    [InlineData("ice", "--sdp", "--json")]
    [InlineData("ice", "--sdp", "--summary")]
    [InlineData("ice", "--timeout", "0")]
    [InlineData("nat", "--server", "bad host!")]
    [InlineData("nat", "--server", "stuns:stun.example.net")]
    [InlineData("nat", "--lifetime", "601")]
    public async Task Exits_2_for_a_usage_error(params string[] arguments)
    {
        var run = await TelnyxCli.RunAsync(arguments);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.NotEmpty(run.StandardError.Trim());
    }

    [Theory]
    [InlineData("ice", "--sdp")]
    [InlineData("nat", "--measure-lifetime")]
    public async Task Help_lists_the_options(string command, string option)
    {
        var run = await TelnyxCli.RunAsync(command, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(option, run.StandardOutput, StringComparison.Ordinal);
    }
}
