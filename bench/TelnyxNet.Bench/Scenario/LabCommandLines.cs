using System.Globalization;
using TelnyxNet.Lab;

namespace TelnyxNet.Bench.Scenario;

/// <summary>What the lab scenarios share: a command run in the lab's client namespace, and a catalog row at lab addresses.</summary>
internal static class LabCommandLines
{
    /// <summary><paramref name="command"/> under <c>ip netns exec</c> in the client namespace of <paramref name="lab"/>.</summary>
    public static BenchCommandLine InClient(NetworkLab lab, BenchCommandLine command) =>
        new("ip", new[] { "netns", "exec", lab.Client.Name, command.FileName }.Concat(command.Arguments).ToArray(), command.Description + " in " + lab.Client.Name);

    /// <summary>One catalog row as JSON (the shape Get-TelnyxEndpoint | ConvertTo-Json writes).</summary>
    public static string CatalogRow(string service, string host, int port, string protocol) =>
        "{\"Service\":\"" + service + "\",\"Host\":\"" + host + "\",\"Port\":" + port.ToString(CultureInfo.InvariantCulture) + ",\"Protocol\":\"" + protocol + "\"}";
}
