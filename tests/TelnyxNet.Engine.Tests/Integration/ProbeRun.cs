using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>Runs <see cref="StunBindingProbe"/> the way the cmdlet and the CLI do, and checks results with readable failures.</summary>
internal static class ProbeRun
{
    /// <summary>Parses a server value as a user would type it.</summary>
    public static StunServerAddress Server(string text, TransportProtocol transport)
    {
        Assert.True(StunServerAddress.TryParse(text, transport, out var server, out var error), error);
        return server!;
    }

    /// <summary>All results of one run.</summary>
    public static Task<IReadOnlyList<StunBindingResult>> AllAsync(StunBindingOptions options, CancellationToken cancellationToken = default) =>
        StunBindingProbe.RunAsync(options, null, null, cancellationToken);

    /// <summary>The single result of a run against one address.</summary>
    public static async Task<StunBindingResult> OneAsync(StunBindingOptions options) => Assert.Single(await AllAsync(options));

    /// <summary>Asserts success, showing the failure message and fix otherwise.</summary>
    public static void AssertSucceeded(StunBindingResult result)
    {
        Assert.True(result.Outcome == ProbeStatus.Succeeded, Describe(result));
        Assert.Equal(FailureReason.None, result.Reason);
        Assert.Empty(result.Remediation);
        Assert.NotNull(result.RoundTripTimeMs);
        Assert.True(result.Received >= 1, Describe(result));
    }

    /// <summary>Asserts a failure for <paramref name="reason"/> that comes with a message and a fix.</summary>
    public static void AssertFailed(StunBindingResult result, FailureReason reason)
    {
        Assert.True(result.Outcome == ProbeStatus.Failed && result.Reason == reason, "Expected " + reason + "; got " + Describe(result));
        Assert.Equal(0, result.Received);
        Assert.NotEmpty(result.Message);
        Assert.NotEmpty(result.Remediation);
        Assert.Null(result.RoundTripTimeMs);
    }

    private static string Describe(StunBindingResult result) =>
        result + ": " + result.Message + (result.Remediation.Length > 0 ? " Fix: " + result.Remediation : string.Empty);
}
