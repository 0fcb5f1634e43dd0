using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TelnyxNet.Bench.Measurement;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;
using TelnyxNet.Lab;

namespace TelnyxNet.Bench.Media;

/// <summary>
/// <c>media</c>: how faithfully Measure-TelnyxMediaPath reports a path. In the network lab (as
/// root), coturn behind <c>Impaired(delay, jitter, loss)</c>: the engine's stream through the relay
/// over UDP, its RTT, jitter and loss set against the impairment relay's record of every one of
/// its packets (what the relay held each for, and dropped); then, on the same path and seed,
/// turnutils_uclient relaying as many packets of the same size at the same pace to
/// turnutils_peer, its figures set against the relay's record of its packets. Targets: RTT within
/// 1 ms of the truth, loss within 1 percentage point, jitter within 10 %.
/// </summary>
internal static class MediaFidelityCommand
{
    private const int PeerPort = 3480;
    private const double RttTargetMs = 1;
    private const double LossTargetPoints = 1;
    private const double JitterTargetRatio = 0.10;
    private static readonly TimeSpan PeerReady = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var paths = ImpairedPath.ParseAll(args.Text("--paths", "80/10/1,200/40/3,150/20/5"));
        var duration = args.Int("--duration", 1, 120, 5);
        var runs = args.Int("--runs", 1, 20, 3);
        var seed = args.Int("--seed", 0, int.MaxValue, 1);
        var uclient = args.Text("--uclient", "turnutils_uclient");
        var peer = args.Text("--peer", "turnutils_peer");
        var results = args.Optional("--results");
        args.RejectUnknown();

        var packets = duration * 50;
        var rows = new List<ResultRow>();
        var failures = 0;
        Console.WriteLine("media: " + runs + " run(s) of " + duration + " s (" + packets + " packets) per path, over UDP to coturn on " + NetworkLab.ServerAddress + " behind the lab's NAT; turnutils_uclient to turnutils_peer on " + NetworkLab.AlternateServerAddress + ":" + PeerPort + ".");
        Console.WriteLine("path (ms/ms/%)\twho\tRTT\ttruth hold\tRTT error\tloss %\ttruth loss %\tloss error (pp)\tjitter\ttruth jitter\tjitter error\tMOS\tquality");
        foreach (var path in paths)
        {
            await using var lab = await NetworkLab.StartAsync().ConfigureAwait(false);
            await lab.StartCoturnAsync().ConfigureAwait(false);
            await lab.StartServerAsync(peer, new[] { "-L", NetworkLab.AlternateServerAddress, "-p", PeerPort.ToString(CultureInfo.InvariantCulture) }, new[] { Echoes(lab.Server, new IPEndPoint(IPAddress.Parse(NetworkLab.AlternateServerAddress), PeerPort)) }, PeerReady).ConfigureAwait(false);
            var ours = new Figures();
            var theirs = new Figures();
            for (var run = 0; run < runs; run++)
            {
                await lab.ApplyAsync(path.Scenario(seed + run)).ConfigureAwait(false);
                var result = await MeasureAsync(lab, duration).ConfigureAwait(false);
                if (result.Status != "Succeeded")
                {
                    Console.WriteLine("media: " + path + " run " + run + ": " + result.Status + " " + result.FailureReason + ": " + result.Message);
                    failures++;
                    continue;
                }

                var truth = RtpTruth.Of(lab.Relay!.Records, uint.Parse(result.Ssrc.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                ours.Add(result.RoundTripTimeMs!.Value, truth.MeanHoldMs, result.LossPercent!.Value, truth.LossPercent, result.JitterMs!.Value, truth.JitterPerSecondAverage(50));
                Print(path, "telnyxnet", ours, result.EstimatedMos + "\t" + result.Quality);

                await lab.ApplyAsync(path.Scenario(seed + run)).ConfigureAwait(false);
                var run2 = await lab.Client.RunAsync(uclient, new[]
                {
                    "-u", NetworkLab.TurnUsername, "-w", NetworkLab.TurnPassword, "-e", NetworkLab.AlternateServerAddress, "-r", PeerPort.ToString(CultureInfo.InvariantCulture),
                    "-n", packets.ToString(CultureInfo.InvariantCulture), "-l", "172", "-z", "20", "-c", "-p", NetworkLab.StunPort.ToString(CultureInfo.InvariantCulture), NetworkLab.ServerAddress,
                }, TimeSpan.FromSeconds((duration * 4) + 30)).ConfigureAwait(false);
                if (UclientReport.Parse(run2.StandardOutput + run2.StandardError) is not { } report)
                {
                    Console.WriteLine("media: turnutils_uclient printed no figures: " + run2);
                    failures++;
                    continue;
                }

                var theirTruth = RtpTruth.OfChannelData(lab.Relay!.Records, 172);
                theirs.Add(report.RoundTripTimeMs, theirTruth.MeanHoldMs, report.LossPercent, theirTruth.LossPercent, report.JitterMs, theirTruth.JitterPerSecondAverage(50));
                Print(path, "turnutils_uclient", theirs, "-\t-");
            }

            rows.AddRange(ours.Rows("media." + path + ".telnyxnet", "Measure-TelnyxMediaPath, Impaired(" + path + "), " + duration + " s"));
            rows.AddRange(theirs.Rows("media." + path + ".uclient", "turnutils_uclient -n " + packets + " -l 172 -z 20, Impaired(" + path + ")"));
            Console.WriteLine("media: " + path + ": telnyxnet " + ours.Verdict() + "; turnutils_uclient " + theirs.Verdict() + ".");
        }

        ResultRow.Append(results, rows);
        return failures == 0 ? 0 : 1;
    }

    private static void Print(ImpairedPath path, string who, Figures figures, string extra)
    {
        var i = figures.Count - 1;
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "{0}\t{1}\t{2:0.000}\t{3:0.000}\t{4:+0.000;-0.000;0.000}\t{5:0.00}\t{6:0.00}\t{7:+0.00;-0.00;0.00}\t{8:0.000}\t{9:0.000}\t{10:+0.0%;-0.0%;0.0%}\t{11}",
            path, who, figures.Rtt[i], figures.TruthHold[i], Math.Round(figures.Rtt[i] - figures.TruthHold[i], 3), figures.Loss[i], figures.TruthLoss[i], Math.Round(figures.Loss[i] - figures.TruthLoss[i], 2), figures.Jitter[i], figures.TruthJitter[i], Math.Round(figures.JitterError(i), 3), extra));
    }

    private static async Task<MediaPathQuality> MeasureAsync(NetworkLab lab, int seconds)
    {
        Assert(TurnServerAddress.TryParse("turn:" + NetworkLab.ServerAddress + ":" + NetworkLab.StunPort + "?transport=udp", null, out var servers, out var problem), problem?.Message);
        var results = await MediaPathProbe.RunAsync(
            new MediaPathOptions
            {
                Servers = servers,
                Credential = TurnCredential.FromPassword(NetworkLab.TurnUsername, Secure(NetworkLab.TurnPassword)),
                Duration = TimeSpan.FromSeconds(seconds),
                OpenDatagramSocket = lab.OpenClientDatagramSocket,
                OpenStreamSocket = family => lab.Client.OpenSocket(family, SocketType.Stream, ProtocolType.Tcp),
                OpenPeerSocket = family => UnconnectedUdpSocket.Bind(lab.Client.OpenSocket(family, SocketType.Dgram, ProtocolType.Udp)),
            },
            null,
            null,
            CancellationToken.None).ConfigureAwait(false);
        return results.Single();
    }

    /// <summary>turnutils_peer echoes a datagram from the server namespace.</summary>
    private static (string What, Func<Task> Check) Echoes(NetworkNamespace from, IPEndPoint peer) =>
        ("an echo from turnutils_peer on " + peer, async () =>
        {
            using var socket = from.OpenSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(peer);
            await socket.SendAsync(new byte[] { 1, 2, 3 }, SocketFlags.None).ConfigureAwait(false);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await socket.ReceiveAsync(new byte[16], SocketFlags.None, wait.Token).ConfigureAwait(false);
        });

    private static System.Security.SecureString Secure(string value)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    private static void Assert(bool condition, string? message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    /// <summary>One tool's figures and the truth for each run, and how far apart they are.</summary>
    private sealed class Figures
    {
        public List<double> Rtt { get; } = new();

        public List<double> TruthHold { get; } = new();

        public List<double> Loss { get; } = new();

        public List<double> TruthLoss { get; } = new();

        public List<double> Jitter { get; } = new();

        public List<double> TruthJitter { get; } = new();

        public int Count => Rtt.Count;

        public void Add(double rtt, double hold, double loss, double truthLoss, double jitter, double truthJitter)
        {
            Rtt.Add(rtt);
            TruthHold.Add(hold);
            Loss.Add(loss);
            TruthLoss.Add(truthLoss);
            Jitter.Add(jitter);
            TruthJitter.Add(truthJitter);
        }

        public double JitterError(int i) => TruthJitter[i] > 0 ? (Jitter[i] - TruthJitter[i]) / TruthJitter[i] : 0;

        /// <summary>Whether every run met the three targets.</summary>
        public string Verdict()
        {
            if (Count == 0)
            {
                return "no run";
            }

            var rtt = Enumerable.Range(0, Count).Max(i => Math.Abs(Rtt[i] - TruthHold[i]));
            var loss = Enumerable.Range(0, Count).Max(i => Math.Abs(Loss[i] - TruthLoss[i]));
            var jitter = Enumerable.Range(0, Count).Max(i => Math.Abs(JitterError(i)));
            return string.Format(CultureInfo.InvariantCulture, "worst RTT error {0:0.000} ms ({1}), loss {2:0.00} pp ({3}), jitter {4:0.0%} ({5})", rtt, rtt <= RttTargetMs ? "met" : "missed", loss, loss <= LossTargetPoints ? "met" : "missed", jitter, jitter <= JitterTargetRatio ? "met" : "missed");
        }

        public IEnumerable<ResultRow> Rows(string key, string note)
        {
            yield return new ResultRow(key + ".rtt_error", Sample.Of(Enumerable.Range(0, Count).Select(i => Rtt[i] - TruthHold[i]).ToList()), note + ": RTT minus the relay's mean hold, ms (target within 1)");
            yield return new ResultRow(key + ".loss_error", Sample.Of(Enumerable.Range(0, Count).Select(i => Loss[i] - TruthLoss[i]).ToList()), note + ": loss minus the relay's drops, percentage points (target within 1)");
            yield return new ResultRow(key + ".jitter_ratio", Sample.Of(Enumerable.Range(0, Count).Select(i => TruthJitter[i] > 0 ? Jitter[i] / TruthJitter[i] : double.NaN).ToList()), note + ": jitter over the RFC 3550 jitter of the relay's holds (target 0.9 to 1.1)");
        }
    }
}
