using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Runs hostile-server cases against a probe and checks what every probe owes every hostile
/// server: it ends within its bound, it never reports Succeeded on an invalid answer, it names
/// the failure reason the case expects with a message and a remediation, and it leaves nothing
/// behind (every socket it opened is closed, every connection it made is ended).
/// <para>
/// The suites: STUN over UDP, TCP and TLS; TURN over UDP and TCP (and the media path through the
/// same TURN servers); the WebSocket upgrade and frames, direct and through HTTP proxies; SIP over
/// UDP, TCP and TLS; DNS over UDP and, after a truncated answer, TCP (a client of its own, with
/// its own failure kinds: DnsHostileTests uses the generic run).
/// </para>
/// <para>
/// Adding a protocol: write its answers (like <see cref="StunAnswers"/>), a table of
/// <see cref="HostileCase"/> rows built from <see cref="UdpBehaviours"/> and
/// <see cref="StreamBehaviours"/> (or a behaviour of its own: any <see cref="UdpBehaviour"/> or
/// <see cref="StreamBehaviour"/> delegate), a runner that points the probe at the server value with
/// <see cref="TrackedSockets"/> as its socket seams, and a theory over <see cref="Names"/> that
/// calls <see cref="RunAsync(HostileCase, Func{string, TrackedSockets, TimeSpan, Task{IProbeResult}}, TimeSpan)"/>.
/// See StunHostileTests and TurnHostileTests.
/// </para>
/// </summary>
internal static class HostileSuite
{
    /// <summary>Time a probe may take beyond its own timeout (orderly close, a loaded machine); a bound, not a measurement.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(4);

    /// <summary>The timeout of a case that must end in silence at its deadline: nothing the server sends can change the verdict.</summary>
    public static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    /// <summary>The timeout of a case whose verdict is read at the deadline but rests on what the server sent before it (only invalid answers): long enough for them to arrive on a loaded machine.</summary>
    public static readonly TimeSpan Discarding = TimeSpan.FromSeconds(3);

    /// <summary>The timeout of a case that ends on the server's answer: a bound only, it costs nothing.</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    /// <summary>One test PKI for the TLS servers of every hostile run (a certificate for 127.0.0.1 and localhost, and the CA to trust).</summary>
    public static readonly Lazy<TestCertificates> Pki = new(() => TestCertificates.Create());

    /// <summary>A check for <see cref="HostileCase.Also"/>: the result's message says <paramref name="text"/>.</summary>
    public static Action<IProbeResult, IHostileServer> Says(string text) => (result, _) => Assert.Contains(text, result.Message, StringComparison.Ordinal);

    /// <summary>The case names of <paramref name="cases"/>, for a theory's MemberData.</summary>
    public static TheoryData<string> Names(IEnumerable<HostileCase> cases)
    {
        var names = new TheoryData<string>();
        foreach (var c in cases)
        {
            names.Add(c.Name);
        }

        return names;
    }

    /// <summary>The case named <paramref name="name"/>.</summary>
    public static HostileCase Find(IEnumerable<HostileCase> cases, string name) => cases.Single(c => c.Name == name);

    /// <summary>
    /// Starts the case's server, runs <paramref name="probe"/> against it (given the server value,
    /// the seams to use and the case's timeout), bounded by that timeout, <paramref name="byDesign"/>
    /// and <see cref="Slack"/>, checks the result and the clean-up, and returns the result for
    /// further checks. <paramref name="byDesign"/> is what the probe takes beyond its timeout when
    /// every step goes as planned (a WebSocket's hold with its Pong and Close waits; zero for
    /// probes that end by their timeout).
    /// </summary>
    public static Task<IProbeResult> RunAsync(HostileCase hostile, Func<string, TrackedSockets, TimeSpan, Task<IProbeResult>> probe, TimeSpan byDesign = default) =>
        RunAsync(hostile.Name, hostile.Start, hostile.TimeoutOrDefault, probe, byDesign, result => AssertVerdict(hostile, result), hostile.Also);

    /// <summary>
    /// The same run for a client whose result is no probe result (the DNS client's answer):
    /// <paramref name="verdict"/> checks the result's own failure kind, the bound and the clean-up
    /// are checked here, then <paramref name="also"/>.
    /// </summary>
    public static async Task<TResult> RunAsync<TResult>(string name, Func<IHostileServer> start, TimeSpan timeout, Func<string, TrackedSockets, TimeSpan, Task<TResult>> probe, TimeSpan byDesign, Action<TResult> verdict, Action<TResult, IHostileServer>? also)
    {
        using var server = start();
        var sockets = new TrackedSockets();
        TResult result;
        try
        {
            result = await probe(server.Server, sockets, timeout).WaitAsync(timeout + byDesign + Slack);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException(name + ": the probe did not end within its " + timeout.TotalSeconds + " s timeout, the " + byDesign.TotalSeconds + " s its protocol takes by design and " + Slack.TotalSeconds + " s of slack.");
        }

        verdict(result);
        Assert.True(sockets.LeftOpen == 0, name + ": " + sockets.LeftOpen + " of the probe's " + sockets.Count + " sockets are still open.");
        await Eventually.True(() => server.Open == 0, name + ": the client ends every connection it made (" + server.Open + " still open)");
        also?.Invoke(result, server);
        return result;
    }

    private static void AssertVerdict(HostileCase hostile, IProbeResult result)
    {
        var described = hostile.Name + ": " + result.Status + " " + result.FailureReason + ": " + result.Message + " Fix: " + result.Remediation;
        Assert.True(result.FailureReason == hostile.Expected.ToString(), "Expected " + hostile.Expected + "; " + described);
        if (hostile.Expected == FailureReason.None)
        {
            Assert.True(result.Status == nameof(ProbeStatus.Succeeded), described);
        }
        else
        {
            Assert.True(result.Status == nameof(ProbeStatus.Failed), described);
            Assert.False(string.IsNullOrWhiteSpace(result.Message), described);
            Assert.False(string.IsNullOrWhiteSpace(result.Remediation), described);
        }
    }
}
