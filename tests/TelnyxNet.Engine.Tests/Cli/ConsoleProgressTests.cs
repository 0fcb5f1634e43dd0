using TelnyxNet.Cli.Commands;

namespace TelnyxNet.Engine.Tests.Cli;

public sealed class ConsoleProgressTests
{
    [Fact]
    public void Rewrites_one_line_in_place_and_erases_it_when_complete()
    {
        var error = new StringWriter();
        var progress = new ConsoleProgress(error);

        progress.Report(new ProbeProgress("Testing STUN servers", "Waiting for 2 server(s) to answer", 0));
        progress.Report(new ProbeProgress("Testing STUN servers", "Done", 50));
        progress.Report(new ProbeProgress("Testing STUN servers", "Done", 100, completed: true));

        var first = "Testing STUN servers: Waiting for 2 server(s) to answer (0 %)";
        var second = "Testing STUN servers: Done (50 %)";
        Assert.Equal("\r" + first + "\r" + second.PadRight(first.Length) + "\r" + new string(' ', second.Length) + "\r", error.ToString());
        Assert.DoesNotContain('\n', error.ToString());
    }
}
