using System.Text.Json;
using TelnyxNet.Engine.Tests.Ice;
using TelnyxNet.Engine.Tests.Integration;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// The "done when": <c>telnyxnet ice --json</c> and <c>telnyxnet nat --json</c> as whole
/// processes in the lab's client namespace (<c>ip netns exec</c>), against coturn through the NAT.
/// </summary>
[Trait("Category", "Lab")]
public sealed class IceCliLabTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Ice_json_lists_host_srflx_and_relay_candidates_with_the_lab_addresses_RFC_priorities_and_parsable_lines()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.EndpointIndependentNat);

        var run = await RunAsync(lab, new Dictionary<string, string?> { ["TELNYXNET_TURN_PASSWORD"] = NetworkLab.TurnPassword }, "ice", "--json", "--timeout", "3", "--username", NetworkLab.TurnUsername,
            "--server", LabIce.Servers[0], "--server", LabIce.Servers[2], "--server", LabIce.Servers[3]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        var candidates = json.RootElement.EnumerateArray().ToList();
        var byType = candidates.GroupBy(c => c.GetProperty("type").GetString()).ToDictionary(g => g.Key!, g => g.ToList());
        Assert.Equal(NetworkLab.ClientAddress, Assert.Single(byType["host"]).GetProperty("address").GetString());
        Assert.Equal(NetworkLab.NatPublicAddress, Assert.Single(byType["srflx"]).GetProperty("address").GetString());
        Assert.Equal(2, byType["relay"].Count);
        Assert.All(byType["relay"], r => Assert.Equal(NetworkLab.ServerAddress, r.GetProperty("address").GetString()));
        var typePreference = new Dictionary<string, long> { ["host"] = 126, ["srflx"] = 100, ["relay"] = 0 };
        foreach (var candidate in candidates)
        {
            var priority = candidate.GetProperty("priority").GetInt64();
            Assert.Equal(typePreference[candidate.GetProperty("type").GetString()!], priority >> 24);
            Assert.Equal(255, priority & 0xFF);
            var parsed = CandidateLineParser.Parse(candidate.GetProperty("candidateLine").GetString()!);
            Assert.Equal((candidate.GetProperty("address").GetString(), candidate.GetProperty("port").GetInt32(), priority, candidate.GetProperty("foundation").GetString()), (parsed.Address, parsed.Port, parsed.Priority, parsed.Foundation));
        }
    }

    [Theory]
    [InlineData("EndpointIndependentNat", "EndpointIndependent", 0)]
    [InlineData("SymmetricNat", "AddressAndPortDependent", 1)]
    public async Task Nat_json_says_what_the_NAT_maps(string scenario, string mapping, int exitCode)
    {
        await using var lab = await LabStart.WithCoturnAsync(scenario == "SymmetricNat" ? Scenario.SymmetricNat : Scenario.EndpointIndependentNat);

        var run = await RunAsync(lab, new Dictionary<string, string?>(), "nat", "--json", "--server", NetworkLab.ServerAddress + ":" + NetworkLab.StunPort);

        Assert.True(run.ExitCode == exitCode, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        var result = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal(mapping, result.GetProperty("mappingBehavior").GetString());
        Assert.Equal("Rfc5780", result.GetProperty("method").GetString());
        Assert.Equal(NetworkLab.NatPublicAddress, result.GetProperty("publicAddress").GetString());
        Assert.NotEmpty(result.GetProperty("evidence").EnumerateArray());
    }

    private static async Task<CliRun> RunAsync(NetworkLab lab, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        await lab.Client.RunAsync("env", environment.Select(e => e.Key + "=" + e.Value).Append(await TelnyxCli.PathAsync()).Concat(arguments), Limit);
}
