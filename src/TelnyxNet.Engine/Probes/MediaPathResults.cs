using System.Globalization;
using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Media;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Probes;

/// <summary>How a <see cref="MediaPathQuality"/> is filled in: from the race, the allocation, the stream's ledgers, or a failure.</summary>
internal static class MediaPathResults
{
    /// <summary>A result for <paramref name="host"/> (as first given) over <paramref name="server"/>'s transport at <paramref name="address"/>, not yet decided.</summary>
    public static MediaPathQuality New(string host, TurnServerAddress server, IPAddress? address, MediaPathOptions options, DateTimeOffset timestamp) => new()
    {
        Server = host,
        Port = server.Port,
        Transport = server.Transport.ToString(),
        RemoteAddress = address?.ToString() ?? string.Empty,
        CredentialSource = options.CredentialOf(server).Source.ToString(),
        Username = options.CredentialOf(server).Username,
        DurationSeconds = options.Duration.TotalSeconds,
        Timestamp = timestamp,
    };

    /// <summary>The transports tried, and this machine's end of <paramref name="client"/>'s connection.</summary>
    public static void Attempted(MediaPathQuality result, IReadOnlyList<TransportAttempt> attempts, TurnClient? client)
    {
        result.Attempts = string.Join(", ", attempts.Select(a => a.Outcome));
        if (client?.Transport.LocalEndPoint is IPEndPoint local)
        {
            result.LocalAddress = (local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address).ToString();
            result.LocalPort = local.Port;
        }
    }

    /// <summary>The relay granted.</summary>
    public static void Granted(MediaPathQuality result, TurnSession session)
    {
        var relayed = session.Client.Allocation!.Relayed;
        result.RelayedAddress = relayed.Address.ToString();
        result.RelayedPort = relayed.Port;
        result.RemoteAddress = session.Remote.Address.ToString();
    }

    /// <summary>A failure to set the path up at <paramref name="target"/> (the alternate, after a followed redirect): the TURN reason and Test-TelnyxTurn's remediation for it.</summary>
    public static void Fail(MediaPathQuality result, TurnTarget target, TurnCredential credential, ProbeException failure)
    {
        result.Outcome = ProbeStatus.Failed;
        result.Reason = failure.Reason;
        result.QualityLevel = MediaQuality.Unknown;
        result.Message = "No media path through " + StunServerAddress.FormatHostPort(result.Server, result.Port) + "/" + target.Transport + ": " + failure.Message + target.Context;
        result.Remediation = target.Remediation(failure, credential.Source);
    }

    /// <summary>Media did not flow both ways: <paramref name="finding"/> says which, and its remediation comes first.</summary>
    public static void NoMedia(MediaPathQuality result, Finding finding)
    {
        result.Outcome = ProbeStatus.Failed;
        result.Reason = FailureReason.RelayNotForwarding;
        result.QualityLevel = MediaQuality.Unknown;
        result.Findings = new[] { finding };
        result.FindingCodes = finding.Code;
        result.Remediation = finding.Remediation + (result.Remediation.Length > 0 && result.Remediation != finding.Remediation ? " " + result.Remediation : string.Empty);
    }

    /// <summary>The stream's figures, the SDK's judgement of them, and the words for both.</summary>
    public static void Measured(MediaPathQuality result, StreamOutcome outcome, RelayPath path, string subject, TurnSession session)
    {
        var server = session.Server;
        var perSecond = PcmuStream.PacketsPerSecond;
        var outbound = outcome.Outbound.Summarize(perSecond);
        var inbound = outcome.Inbound.Summarize(perSecond);
        var roundTrip = outcome.RoundTrip.Summarize(perSecond);
        result.Outbound = Leg("Outbound", outbound);
        result.Inbound = Leg("Inbound", inbound);
        result.RoundTrip = Leg("RoundTrip", roundTrip);
        result.Peer = path.ViaSecondAllocation ? "SecondAllocation" : "LocalUdp";
        result.PacketsSent = outcome.Sent;
        result.PacketsReceived = roundTrip.Arrived;
        result.Ssrc = "0x" + outcome.Stream.Ssrc.ToString("x8", CultureInfo.InvariantCulture);
        result.MaxSendLagMs = Round(outcome.MaxSendLag.TotalMilliseconds);
        result.Discarded = outcome.Discarded;
        if (outcome.Sent == 0 && outcome.SendFailure is ProbeException unsent)
        {
            Fail(result, session.Target, session.Credential, unsent);
            return;
        }

        var peer = path.ViaSecondAllocation ? "a second allocation" : "a UDP socket on this machine";
        var sent = outcome.Sent + " RTP packets (" + PcmuStream.Codec + ", 20 ms) sent through the relay " + subject + " to " + peer;
        if (outbound.Arrived == 0)
        {
            result.Message = "None of the " + sent + " arrived, though the relay had just passed the check's data: something on the path drops a call's media (a firewall, a rate limit, or inspection of RTP).";
            NoMedia(result, FindingCodes.NetworkNoAudioFlow.With(result.Message, subject));
            return;
        }

        if (inbound.Arrived == 0)
        {
            result.Message = outbound.Arrived + " of the " + sent + " arrived, but none of the peer's " + inbound.Entered + " answers came back through the relay: media flows one way only.";
            NoMedia(result, FindingCodes.NetworkOneWayAudio.With(result.Message, subject));
            return;
        }

        var legs = new[] { outbound, inbound };
        var rttLeg = legs.OrderByDescending(l => l.MeanMs ?? 0).First();
        var jitterLeg = legs.OrderByDescending(l => l.JitterMs ?? 0).First();
        var lossLeg = legs.OrderByDescending(l => l.LossPercent ?? 0).First();
        result.RoundTripTimeMs = Round(rttLeg.MeanMs);
        result.MinRoundTripTimeMs = Round(rttLeg.MinMs);
        result.P95RoundTripTimeMs = Round(rttLeg.P95Ms);
        result.MaxRoundTripTimeMs = Round(rttLeg.MaxMs);
        result.JitterMs = Round(jitterLeg.JitterMs);
        result.LossPercent = Percent(lossLeg.LossPercent);
        result.BurstLoss = legs.Max(l => l.BurstLoss);
        result.Reordered = legs.Max(l => l.Reordered);
        result.Duplicated = legs.Max(l => l.Duplicated);
        result.Late = legs.Max(l => l.Late);
        result.Samples = lossLeg.Seconds.Select((s, k) => new MediaPathSample(k + 1, s.Entered, s.Arrived, Percent(s.LossPercent), Round(rttLeg.Seconds[k].MeanMs), Round(jitterLeg.Seconds[k].JitterMs))).ToList();

        var figures = new QualityFigures(result.RoundTripTimeMs, result.JitterMs, result.LossPercent);
        var mos = Math.Round(MosEstimate.Of(figures.RoundTripTimeMs!.Value, figures.JitterMs ?? 0, figures.LossPercent ?? 0), 2);
        result.EstimatedMos = mos;
        result.MosQuality = MosEstimate.Word(mos).ToString();
        result.RttBand = NetworkThresholds.Band(figures.RoundTripTimeMs.Value).ToString();
        result.QualityLevel = NetworkThresholds.Classify(figures);
        result.Findings = NetworkThresholds.Findings(figures, subject);
        result.FindingCodes = string.Join(", ", result.Findings.Select(f => f.Code));
        result.Remediation = string.Join(" ", result.Findings.Select(f => f.Remediation).Distinct());

        if (outcome.SendFailure is ProbeException stopped)
        {
            result.Outcome = ProbeStatus.Failed;
            result.Reason = stopped.Reason;
            result.Message = stopped.Message + " Until then: " + Summary(result) + ".";
            result.Remediation = session.Target.Remediation(stopped, session.Credential.Source) + (result.Remediation.Length > 0 ? " " + result.Remediation : string.Empty);
            return;
        }

        result.Outcome = ProbeStatus.Succeeded;
        result.Reason = FailureReason.None;
        result.Message = "A call through " + subject + " would see " + Summary(result) + ": quality " + result.Quality + " by the SDK's thresholds. Of "
            + sent + " and back, " + result.PacketsReceived + " came back." + Fallback(result, server);
    }

    private static string Summary(MediaPathQuality result) => string.Format(
        CultureInfo.InvariantCulture,
        "RTT {0:0.#} ms, jitter {1:0.#} ms, loss {2:0.##} % (estimated MOS {3:0.00}, {4}; RTT {5})",
        result.RoundTripTimeMs,
        result.JitterMs,
        result.LossPercent,
        result.EstimatedMos,
        result.MosQuality.ToLowerInvariant(),
        result.RttBand.ToLowerInvariant());

    /// <summary>What the race says about the transport, when it is not the first choice.</summary>
    private static string Fallback(MediaPathQuality result, TurnServerAddress server)
    {
        var before = result.Attempts.Split(new[] { ", " }, StringSplitOptions.RemoveEmptyEntries).TakeWhile(a => !a.EndsWith(": " + nameof(ProbeStatus.Succeeded), StringComparison.Ordinal)).ToList();
        return before.Count == 0 ? string.Empty
            : " Media went over " + server.Transport.ToString().ToUpperInvariant() + " because " + string.Join(", ", before) + (server.Transport == TransportProtocol.Udp ? "." : ": over TCP, a lost packet holds up the ones behind it, so calls get more latency and jitter than over UDP.");
    }

    private static MediaLegStatistics Leg(string name, LegFigures figures) =>
        new(name, figures.Entered, figures.Arrived, Percent(figures.LossPercent), figures.BurstLoss, figures.Reordered, figures.Duplicated, figures.Late, Round(figures.MeanMs), Round(figures.MinMs), Round(figures.P95Ms), Round(figures.MaxMs), Round(figures.JitterMs));

    private static double? Round(double? ms) => ms is double value ? Math.Round(value, 3) : null;

    private static double? Percent(double? percent) => percent is double value ? Math.Round(value, 2) : null;
}
