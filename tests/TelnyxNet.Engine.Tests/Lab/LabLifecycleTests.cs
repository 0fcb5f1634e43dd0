using System.Globalization;
using System.Net;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// The lab cleans up after itself on every path: disposed (after a pass or a failure), a server
/// that never gets ready, and a process that died with labs alive (the next lab's sweep).
/// </summary>
[Trait("Category", "Lab")]
public sealed class LabLifecycleTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Leaves_no_namespace_process_or_directory_behind_when_disposed()
    {
        var lab = await NetworkLab.StartAsync();
        var coturn = await lab.StartCoturnAsync();
        await lab.ApplyAsync(Scenario.Impaired(TimeSpan.FromMilliseconds(10), TimeSpan.Zero, 0));
        Assert.Contains(lab.Client.Name, await NamespacesAsync());

        await lab.DisposeAsync();

        var left = await NamespacesAsync();
        Assert.DoesNotContain(left, name => name.StartsWith(lab.Prefix + "-", StringComparison.Ordinal));
        Assert.True(coturn.HasExited, "coturn still runs");
        Assert.False(Directory.Exists(lab.Directory), lab.Directory);
    }

    [Fact]
    public async Task Fails_with_the_server_output_when_a_server_never_gets_ready_and_stops_it_with_the_lab()
    {
        var lab = await NetworkLab.StartAsync();
        InvalidOperationException failure;
        try
        {
            var nothing = new IPEndPoint(IPAddress.Parse(NetworkLab.ServerAddress), 9);
            failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                lab.StartServerAsync("sh", new[] { "-c", "echo waiting for nothing; exec sleep 60" }, new[] { LabChecks.TcpAccepts(lab.Server, nothing) }, TimeSpan.FromSeconds(1)));
        }
        finally
        {
            await lab.DisposeAsync();
        }

        Assert.Contains("is not ready", failure.Message);
        Assert.Contains("waiting for nothing", failure.Message);
        Assert.DoesNotContain(await NamespacesAsync(), name => name.StartsWith(lab.Prefix + "-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweeps_labs_whose_owner_is_gone_and_keeps_labs_of_live_processes()
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var orphan = "tnl" + self + "-1-" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var owned = "tnl" + self + "-" + ProcessIdentity.Current.StartTime.ToString(CultureInfo.InvariantCulture) + "-" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        try
        {
            await ScriptAsync("up", orphan);
            await ScriptAsync("up", owned);
            var leftover = ServerProcess.Start("ip", new[] { "netns", "exec", orphan + "-srv", "sleep", "60" });
            Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), orphan));

            await NetworkLab.RemoveLeftoversAsync();

            var left = await NamespacesAsync();
            Assert.DoesNotContain(left, name => name.StartsWith(orphan + "-", StringComparison.Ordinal));
            Assert.Contains(owned + "-cli", left);
            await Eventually.True(() => leftover.HasExited, "the leftover's process to end");
            await leftover.StopAsync(TimeSpan.FromSeconds(5));
            Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), orphan)));
        }
        finally
        {
            await ScriptAsync("down", orphan);
            await ScriptAsync("down", owned);
        }
    }

    private static async Task<IReadOnlyList<string>> NamespacesAsync()
    {
        var run = await BoundedProcess.CheckedAsync("ip", new[] { "netns", "list" }, Limit);
        return run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[0]).ToList();
    }

    private static Task<CliRun> ScriptAsync(string command, string prefix) =>
        BoundedProcess.CheckedAsync("bash", new[] { Path.Combine(AppContext.BaseDirectory, "netlab.sh"), command, prefix }, Limit);
}
