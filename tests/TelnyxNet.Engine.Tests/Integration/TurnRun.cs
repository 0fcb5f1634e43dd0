using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>Runs <see cref="TurnAllocationProbe"/> the way the cmdlet and the CLI do, and checks results with readable failures.</summary>
internal static class TurnRun
{
    /// <summary>Parses a server value as a user would type it (one transport expected).</summary>
    public static TurnServerAddress Server(string text, params TransportProtocol[] transports)
    {
        Assert.True(TurnServerAddress.TryParse(text, transports, out var servers, out var error), error?.Message);
        return Assert.Single(servers);
    }

    /// <summary>All results of one run.</summary>
    public static Task<IReadOnlyList<TurnAllocationResult>> AllAsync(TurnAllocationOptions options, IEngineLog? log = null, CancellationToken cancellationToken = default) =>
        TurnAllocationProbe.RunAsync(options, log, null, cancellationToken);

    /// <summary>The single result of a run against one address.</summary>
    public static async Task<TurnAllocationResult> OneAsync(TurnAllocationOptions options, IEngineLog? log = null) => Assert.Single(await AllAsync(options, log));

    /// <summary>Asserts an allocation with a verified relay that was deleted afterwards.</summary>
    public static void AssertRelayed(TurnAllocationResult result)
    {
        Assert.True(result.Outcome == ProbeStatus.Succeeded, Describe(result));
        Assert.Equal(FailureReason.None, result.Reason);
        Assert.True(result.RelayVerified == true, Describe(result));
        Assert.NotNull(result.RelayRoundTripTimeMs);
        Assert.NotNull(result.AllocateTimeMs);
        Assert.NotEmpty(result.RelayedAddress);
        Assert.NotNull(result.RelayedPort);
        Assert.True(result.LifetimeSeconds > 0, Describe(result));
        Assert.True(result.ServerReachable);
        Assert.True(result.Deallocated == true, "The allocation was not deleted: " + Describe(result));
        Assert.Empty(result.Remediation);
    }

    /// <summary>Asserts a failure for <paramref name="reason"/> that comes with a message and a fix, and no relay.</summary>
    public static void AssertFailed(TurnAllocationResult result, FailureReason reason)
    {
        Assert.True(result.Outcome == ProbeStatus.Failed && result.Reason == reason, "Expected " + reason + "; got " + Describe(result));
        Assert.NotEmpty(result.Message);
        Assert.NotEmpty(result.Remediation);
    }

    public static string Describe(TurnAllocationResult result) =>
        result + ": " + result.Message + (result.Remediation.Length > 0 ? " Fix: " + result.Remediation : string.Empty);
}
