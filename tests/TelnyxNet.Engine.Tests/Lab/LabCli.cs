using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using TelnyxNet.Engine.Tests.Integration;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>One run of <c>telnyxnet stun --json</c> in the lab's client namespace: the process, its parsed results and how long it took.</summary>
internal sealed record LabStunRun(CliRun Process, IReadOnlyList<LabStunResult> Results, TimeSpan Elapsed)
{
    /// <summary>The single result of a run against one server.</summary>
    public LabStunResult Single
    {
        get
        {
            Assert.True(Results.Count == 1, "Expected one result; " + this);
            return Results[0];
        }
    }

    /// <inheritdoc />
    public override string ToString() => "took " + Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " s, " + Process;
}

/// <summary>
/// Runs the built CLI as a process inside the lab's client namespace
/// (<c>ip netns exec PREFIX-cli telnyxnet stun … --json</c>, the native program), bounded at 30 s.
/// </summary>
internal static class LabCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Runs <c>telnyxnet stun <paramref name="arguments"/> --json</c> from 10.0.0.2 and parses what it printed.</summary>
    public static async Task<LabStunRun> StunAsync(NetworkLab lab, params string[] arguments)
    {
        var watch = Stopwatch.StartNew();
        var process = await lab.Client.RunAsync(await TelnyxCli.PathAsync(), new[] { "stun" }.Concat(arguments).Append("--json"), Limit);
        var elapsed = watch.Elapsed;
        IReadOnlyList<LabStunResult>? results = null;
        try
        {
            results = JsonSerializer.Deserialize<List<LabStunResult>>(process.StandardOutput, Json);
        }
        catch (JsonException ex)
        {
            Assert.Fail("telnyxnet stun " + string.Join(" ", arguments) + " did not print a JSON result list (" + ex.Message + "); " + process);
        }

        return new LabStunRun(process, results ?? Array.Empty<LabStunResult>(), elapsed);
    }
}
