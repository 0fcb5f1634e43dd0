using System.Diagnostics;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>The ledger of loopback servers: a server whose test process died is ended by the next test process; a live owner's servers are left alone.</summary>
public sealed class ServerLedgerTests
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Ends_a_recorded_server_whose_owner_is_gone_and_removes_its_entry()
    {
        using var owner = Sleep();
        using var server = Sleep();
        var ownerIdentity = ProcessIdentity.Of(owner.Id)!.Value;
        var entry = Path.Combine(ServerLedger.Directory, ServerLedger.Name(ownerIdentity, ProcessIdentity.Of(server.Id)!.Value));
        Directory.CreateDirectory(ServerLedger.Directory);
        File.WriteAllText(entry, string.Empty);
        owner.Kill();
        await owner.WaitForExitAsync();
        Assert.False(ownerIdentity.IsAlive);

        ServerLedger.Sweep();

        using var wait = new CancellationTokenSource(StopLimit);
        await server.WaitForExitAsync(wait.Token);
        Assert.False(File.Exists(entry));
    }

    [Fact]
    public async Task Leaves_the_servers_of_a_live_owner_alone()
    {
        using var server = Sleep();
        var entry = Path.Combine(ServerLedger.Directory, ServerLedger.Name(ProcessIdentity.Current, ProcessIdentity.Of(server.Id)!.Value));
        Directory.CreateDirectory(ServerLedger.Directory);
        File.WriteAllText(entry, string.Empty);
        try
        {
            ServerLedger.Sweep();

            Assert.True(File.Exists(entry));
            Assert.False(server.HasExited);
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
            File.Delete(entry);
        }
    }

    [Fact]
    public async Task Records_each_started_server_until_it_is_stopped()
    {
        var server = ServerProcess.Start("sleep", new[] { "60" });
        var entry = Path.Combine(ServerLedger.Directory, ServerLedger.Name(ProcessIdentity.Current, ProcessIdentity.Of(server.Id)!.Value));
        Assert.True(File.Exists(entry), "no ledger entry " + entry);

        await server.StopAsync(StopLimit);

        Assert.False(File.Exists(entry));
    }

    [Fact]
    public async Task Deletes_the_working_directories_of_a_gone_owner_and_keeps_its_own()
    {
        using var owner = Sleep();
        var gone = ProcessIdentity.Of(owner.Id)!.Value;
        owner.Kill();
        await owner.WaitForExitAsync();
        var orphan = Path.Combine(ServerLedger.Directory, gone.Id + "." + gone.StartTime + ".dir-test-orphan");
        Directory.CreateDirectory(Path.Combine(orphan, "inner"));
        var own = ServerLedger.CreateOwnedDirectory("test");
        try
        {
            ServerLedger.Sweep();

            Assert.False(Directory.Exists(orphan));
            Assert.True(Directory.Exists(own));
        }
        finally
        {
            Directory.Delete(own, recursive: true);
        }
    }

    private static Process Sleep() => Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
}
