using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Media;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// Measure-TelnyxMediaPath's engine: for every TURN server (its transports taken together) and
/// resolved address, in parallel, picks the transport a call's media would use (UDP first, then
/// TCP, then TLS: <see cref="TransportRace"/>), proves the relay as Test-TelnyxTurn does, streams
/// an RTP call's worth of PCMU through it to the relay check's peer and back
/// (<see cref="MediaStream"/>), and judges the figures as the Telnyx WebRTC SDK does. Every
/// allocation is deleted on every exit path. Failures are results; only cancellation throws
/// (after cleanup).
/// </summary>
public static class MediaPathProbe
{
    private const string Activity = "Measuring the media path";

    /// <summary>Runs the measurement: one <see cref="MediaPathQuality"/> per server host and resolved address, in the order given.</summary>
    public static async Task<IReadOnlyList<MediaPathQuality>> RunAsync(MediaPathOptions options, IEngineLog? log, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        log ??= NullEngineLog.Instance;
        var hosts = ByHost(options.Servers);
        return await ProbeFanOut.EveryServerAsync(
            hosts,
            options,
            Activity,
            "Setting up a relay on " + hosts.Count + " server(s)",
            host => host.Host,
            (host, deadline) => TestHostAsync(host.Host, host.Candidates, options, deadline, log, progress, cancellationToken),
            progress,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The verdict for -Quiet and the CLI's exit code: true when media went through some relay and
    /// back with Good or Fair quality (no finding that blocks calls).
    /// </summary>
    public static bool Passed(IEnumerable<MediaPathQuality> results) =>
        (results ?? throw new ArgumentNullException(nameof(results))).Any(r => r.Outcome == ProbeStatus.Succeeded && (r.QualityLevel == MediaQuality.Good || r.QualityLevel == MediaQuality.Fair));

    /// <summary>The servers grouped by host (case-insensitive, named as first given) in the order first given, each host's transports in preference order (UDP, TCP, TLS; stable otherwise).</summary>
    private static IReadOnlyList<HostCandidates> ByHost(IReadOnlyList<TurnServerAddress> servers)
    {
        var hosts = new List<HostCandidates>();
        foreach (var server in servers)
        {
            var host = hosts.FirstOrDefault(h => string.Equals(h.Host, server.Host, StringComparison.OrdinalIgnoreCase));
            if (host is null)
            {
                host = new HostCandidates(server.Host);
                hosts.Add(host);
            }

            host.Given.Add(server);
        }

        return hosts;
    }

    private static int Preference(TransportProtocol transport) => transport switch
    {
        TransportProtocol.Udp => 0,
        TransportProtocol.Tcp => 1,
        _ => 2,
    };

    private static Task<IReadOnlyList<MediaPathQuality>> TestHostAsync(string host, IReadOnlyList<TurnServerAddress> candidates, MediaPathOptions options, TimeSpan deadline, IEngineLog log, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        var timestamp = options.Clock.UtcNow;
        return ProbeFanOut.EveryAddressAsync(
            host,
            options,
            deadline,
            log,
            ex =>
            {
                var failed = MediaPathResults.New(host, candidates[0], null, options, timestamp);
                MediaPathResults.Fail(failed, TurnTarget.Given(candidates[0]), options.CredentialOf(candidates[0]), ex);
                return failed;
            },
            address => TestAddressAsync(host, candidates, address, options, deadline, timestamp, log, progress, cancellationToken),
            cancellationToken);
    }

    private static async Task<MediaPathQuality> TestAddressAsync(string host, IReadOnlyList<TurnServerAddress> candidates, IPAddress address, MediaPathOptions options, TimeSpan deadline, DateTimeOffset timestamp, IEngineLog log, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        var (session, attempts) = await TransportRace.RunAsync(candidates, address, options, deadline, log, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            var reported = attempts.FirstOrDefault(a => a.Client?.ServerReachable == true && a.Failure != null) ?? attempts[0];
            var failed = MediaPathResults.New(host, reported.Server, address, options, timestamp);
            MediaPathResults.Attempted(failed, attempts, reported.Client);
            MediaPathResults.Fail(failed, reported.Target, options.CredentialOf(reported.Server), reported.Failure ?? new ProbeException(FailureReason.Timeout, "No transport allocated."));
            return failed;
        }

        var result = MediaPathResults.New(host, session.Server, address, options, timestamp);
        MediaPathResults.Attempted(result, attempts, session.Client);
        MediaPathResults.Granted(result, session);
        var subject = StunServerAddress.FormatHostPort(host, session.Server.Port) + "/" + session.Server.Transport;
        try
        {
            StreamOutcome? outcome = null;
            RelayPath? used = null;
            var check = await session.CheckRelayAsync(
                async path =>
                {
                    used = path;
                    var stream = PcmuStream.Random(Math.Max(1, (int)Math.Round(options.Duration.TotalMilliseconds / PcmuStream.Interval.TotalMilliseconds)));
                    outcome = await MediaStream.RunAsync(path, stream, options.Clock, log, (second, _) => progress?.Report(new ProbeProgress(Activity, "Streaming through " + subject + ": " + second + " of " + options.Duration.TotalSeconds + " s", (int)Math.Min(99, second * 100 / options.Duration.TotalSeconds))), cancellationToken).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            if (outcome is null || used is null)
            {
                MediaPathResults.Fail(result, session.Target, session.Credential, new ProbeException(check.UnverifiedBecause == FailureReason.None ? FailureReason.RelayNotForwarding : check.UnverifiedBecause, check.Note));
            }
            else
            {
                MediaPathResults.Measured(result, outcome, used, subject, session);
            }
        }
        catch (ProbeException ex)
        {
            MediaPathResults.Fail(result, session.Target, session.Credential, ex);
            if (ex.Reason == FailureReason.RelayNotForwarding)
            {
                MediaPathResults.NoMedia(result, FindingCodes.NetworkNoAudioFlow.With(ex.Message, subject));
            }
        }
        finally
        {
            result.Deallocated = await session.CloseAsync().ConfigureAwait(false);
        }

        log.Verbose(subject + ": " + result.Status + (result.Outcome == ProbeStatus.Succeeded ? ", quality " + result.Quality : " (" + result.FailureReason + ")") + ". " + result.Message);
        return result;
    }

    /// <summary>One host's servers as given.</summary>
    private sealed class HostCandidates
    {
        public HostCandidates(string host) => Host = host;

        public string Host { get; }

        public List<TurnServerAddress> Given { get; } = new();

        /// <summary>UDP first, then TCP, then TLS; in the order given otherwise.</summary>
        public IReadOnlyList<TurnServerAddress> Candidates => Given.OrderBy(s => Preference(s.Transport)).ToList();
    }
}
