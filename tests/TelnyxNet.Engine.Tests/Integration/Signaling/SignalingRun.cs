using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Tests.Probes;

namespace TelnyxNet.Engine.Tests.Integration.Signaling;

/// <summary>What the signaling tests vary, with the defaults they share: direct, hold 1 s, setup bound 5 s, the machine's trust.</summary>
internal sealed record SignalingSetup
{
    public CertificateTrust Trust { get; init; } = CertificateTrust.System;

    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan PingInterval { get; init; } = TimeSpan.Zero;

    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public bool SkipCertificateCheck { get; init; }

    public string SubProtocol { get; init; } = string.Empty;

    public IHostResolver Resolver { get; init; } = SystemHostResolver.Instance;

    public AddressFamilyPreference AddressFamily { get; init; } = AddressFamilyPreference.Any;

    public Uri? Proxy { get; init; }

    public ProxyCredential? ProxyCredential { get; init; }

    /// <summary>Where the proxy comes from when <see cref="Proxy"/> is null; null means no proxy at all (NoProxy).</summary>
    public IProxySource? ProxySource { get; init; }

    /// <summary>Makes the stream sockets (a lab's client namespace); null for this process's namespace.</summary>
    public Func<AddressFamily, Socket>? OpenStreamSocket { get; init; }

    public SignalingOptions For(IReadOnlyList<SignalingTarget> targets) => new()
    {
        Targets = targets,
        Trust = Trust,
        Hold = Hold,
        PingInterval = PingInterval,
        PongTimeout = PongTimeout,
        Timeout = Timeout,
        SkipCertificateCheck = SkipCertificateCheck,
        SubProtocol = SubProtocol,
        Resolver = Resolver,
        AddressFamily = AddressFamily,
        Proxy = Proxy,
        ProxyCredential = ProxyCredential,
        NoProxy = Proxy is null && ProxySource is null,
        ProxySource = ProxySource ?? SystemProxySource.Instance,
        OpenStreamSocket = OpenStreamSocket ?? Engine.Transport.StunStreamClient.NewStreamSocket,
    };
}

/// <summary>Runs the signaling probe for the tests, and the assertions they share.</summary>
internal static class SignalingRun
{
    public static readonly SignalingSetup Direct = new();

    /// <summary>The probe's results for <paramref name="uris"/>.</summary>
    public static Task<IReadOnlyList<SignalingResult>> RunAsync(SignalingSetup setup, params string[] uris) =>
        SignalingProbe.RunAsync(setup.For(uris.Select(Target).ToList()), new CollectingLog(), null, CancellationToken.None);

    /// <summary>The one result of a run against one URI.</summary>
    public static async Task<SignalingResult> OneAsync(SignalingSetup setup, string uri) =>
        Assert.Single(await RunAsync(setup, uri));

    public static SignalingTarget Target(string uri)
    {
        Assert.True(SignalingTarget.TryParse(uri, out var target, out var error), error);
        return target!;
    }

    public static void Succeeded(SignalingResult result)
    {
        Assert.True(result.Outcome == ProbeStatus.Succeeded, result.FailureReason + ": " + result.Message);
        Assert.Equal("None", result.FailureReason);
        Assert.Equal(string.Empty, result.Remediation);
        Assert.Equal(101, result.HttpStatusCode);
        Assert.NotNull(result.ConnectMs);
        Assert.NotNull(result.UpgradeMs);
        Assert.True(result.PingsAnswered >= 1, result.Message);
        Assert.NotNull(result.PingRoundTripMs);
    }

    public static void Failed(SignalingResult result, FailureReason reason)
    {
        Assert.True(result.Outcome == ProbeStatus.Failed && result.Reason == reason, "expected " + reason + ", got " + result.Status + " " + result.FailureReason + ": " + result.Message);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.False(string.IsNullOrWhiteSpace(result.Remediation), "no remediation for " + reason);
    }

    /// <summary>An IPv4 end point of text form.</summary>
    public static IPEndPoint At(string address, int port) => new(IPAddress.Parse(address), port);
}
