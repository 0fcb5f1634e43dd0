using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Media;

/// <summary>Runs <see cref="MediaPathProbe"/> the way the cmdlet and the CLI do, and checks results with readable failures.</summary>
internal static class MediaRun
{
    /// <summary>The test user's credential.</summary>
    public static TurnCredential Alice => TurnCredential.FromPassword(MediaCoturnFixture.Alice.Name, Secrets.Secure(MediaCoturnFixture.Alice.Password));

    /// <summary>Options for <paramref name="servers"/> (URIs as a user types them), streaming <paramref name="seconds"/>.</summary>
    public static MediaPathOptions Options(IEnumerable<string> servers, double seconds = 1, RemoteCertificateValidationCallback? validation = null, Func<AddressFamily, IDatagramSocket>? peerSocket = null, TurnCredential? credential = null) => new()
    {
        Servers = servers.SelectMany(Parse).ToList(),
        Credential = credential ?? Alice,
        Duration = TimeSpan.FromSeconds(seconds),
        Timeout = TimeSpan.FromSeconds(10),
        CertificateValidation = validation,
        OpenPeerSocket = peerSocket ?? UnconnectedUdpSocket.Open,
    };

    /// <summary>The servers a user's value names (a plain host: UDP and TCP).</summary>
    public static IReadOnlyList<TurnServerAddress> Parse(string text)
    {
        Assert.True(TurnServerAddress.TryParse(text, null, out var servers, out var problem), problem?.Message);
        return servers;
    }

    /// <summary>The single result of a run.</summary>
    public static async Task<MediaPathQuality> OneAsync(MediaPathOptions options, IEngineLog? log = null, CancellationToken cancellationToken = default) =>
        Assert.Single(await MediaPathProbe.RunAsync(options, log, null, cancellationToken));

    /// <summary>
    /// Asserts a measured stream with every packet back and every allocation deleted, and a quality
    /// that follows from its figures (how good loopback is depends on the machine's load, so the
    /// quality itself is not asserted).
    /// </summary>
    public static void AssertMeasured(MediaPathQuality result)
    {
        Assert.True(result.Outcome == ProbeStatus.Succeeded, Describe(result));
        Assert.Equal(FailureReason.None, result.Reason);
        Assert.True(result.Deallocated == true, "The allocation was not deleted: " + Describe(result));
        Assert.Equal(result.PacketsSent, result.PacketsReceived);
        Assert.NotNull(result.RoundTripTimeMs);
        Assert.NotNull(result.JitterMs);
        Assert.Equal(0, result.LossPercent);
        Assert.NotNull(result.EstimatedMos);
        Assert.Equal(result.PacketsSent, result.Outbound!.Received);
        Assert.Equal(result.PacketsSent, result.Inbound!.Sent);
        Assert.Equal(result.PacketsSent, result.Inbound.Received);
        Assert.Equal(result.PacketsSent, result.RoundTrip!.Received);
        Assert.Equal(result.Findings.Count == 0 ? "Good" : result.Findings.Any(f => f.Code == "network_poor_quality") ? "Poor" : "Fair", result.Quality);
        Assert.Equal(string.Join(", ", result.Findings.Select(f => f.Code)), result.FindingCodes);
        Assert.Equal(result.PacketsSent, result.Samples.Sum(s => s.Sent));
    }

    public static string Describe(MediaPathQuality result) =>
        result + " [" + result.Attempts + "]: " + result.Message + (result.Remediation.Length > 0 ? " Fix: " + result.Remediation : string.Empty)
        + " Legs: " + result.Outbound + "; " + result.Inbound + "; " + result.RoundTrip;
}
