using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// Test-TelnyxSignaling's engine: for every WebSocket URI and address in parallel, the path step by
/// step on the engine's own socket, each step timed and each its own failure reason: DNS, the proxy
/// choice, TCP, CONNECT through the proxy (RFC 9110 §9.3.6), TLS with SNI and a certificate check
/// that tells TLS inspection apart, the upgrade (RFC 6455 §4), then the WebSocket held open with
/// Pings (§5.5.2), and the closing handshake (§7). Returns one <see cref="SignalingResult"/> per URI
/// and address (per URI when a proxy resolves the name), in the order given. Failures are results,
/// never exceptions; only cancellation throws.
/// </summary>
public static class SignalingProbe
{
    private const string Activity = "Testing WebRTC signaling";
    private static readonly string UserAgent = "TelnyxNet/" + typeof(SignalingProbe).Assembly.GetName().Version!.ToString(3);

    /// <summary>Runs the test.</summary>
    public static async Task<IReadOnlyList<SignalingResult>> RunAsync(SignalingOptions options, IEngineLog? log, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        log ??= NullEngineLog.Instance;
        using var ticking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ticker = progress is null || options.Hold < TimeSpan.FromSeconds(2) ? Task.CompletedTask : TickAsync(options, progress, ticking.Token);
        try
        {
            return await ProbeFanOut.EveryServerAsync(
                options.Targets,
                options,
                Activity,
                "Opening " + options.Targets.Count + " WebSocket(s) and holding them " + Seconds(options.Hold) + " s",
                target => target.Uri,
                (target, deadline) => TestTargetAsync(target, options, deadline, log, cancellationToken),
                progress,
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ticking.Cancel();
            await ticker.ConfigureAwait(false);
        }
    }

    /// <summary>The verdict for -Quiet and the CLI's exit code: every URI opened and held on at least one of its addresses.</summary>
    public static bool Passed(IEnumerable<SignalingResult> results) =>
        (results ?? throw new ArgumentNullException(nameof(results))).GroupBy(r => r.Uri).All(g => g.Any(r => r.Outcome == ProbeStatus.Succeeded));

    private static Task<IReadOnlyList<SignalingResult>> TestTargetAsync(SignalingTarget target, SignalingOptions options, TimeSpan deadline, IEngineLog log, CancellationToken cancellationToken)
    {
        var timestamp = options.Clock.UtcNow;
        var decision = Decide(target, options);
        if (decision.Problem != null)
        {
            var failed = NewResult(target, options, decision, timestamp);
            Fail(failed, new ProbeException(FailureReason.ProtocolError, "The proxy setting cannot be used: " + decision.Problem), string.Empty);
            return Task.FromResult<IReadOnlyList<SignalingResult>>(new[] { failed });
        }

        log.Verbose(target.Uri + ": " + (decision.Proxy is null ? "direct" : "through " + decision.Proxy.Authority) + " (" + decision.Source + (decision.Detail.Length > 0 ? ": " + decision.Detail : string.Empty) + ").");
        var hopHost = decision.Proxy is null ? target.Host : decision.Proxy.Host.Trim('[', ']');
        var hopPort = decision.Proxy?.Port ?? target.Port;
        return ProbeFanOut.EveryAddressAsync(
            hopHost,
            options,
            deadline,
            log,
            ex =>
            {
                var failed = NewResult(target, options, decision, timestamp);
                Fail(failed, decision.Proxy is null ? ex : new ProbeException(ex.Reason, "The proxy's name: " + ex.Message, ex), string.Empty);
                return failed;
            },
            address => TestAddressAsync(target, decision, new IPEndPoint(address, hopPort), options, deadline, timestamp, log, cancellationToken),
            cancellationToken);
    }

    /// <summary>-Proxy, then -NoProxy, then the environment and system settings.</summary>
    private static ProxyDecision Decide(SignalingTarget target, SignalingOptions options)
    {
        if (options.Proxy != null)
        {
            return new ProxyDecision(options.Proxy, Signaling.ProxySource.Parameter, "given explicitly", options.ProxyCredential);
        }

        if (options.NoProxy)
        {
            return new ProxyDecision(null, Signaling.ProxySource.Disabled, "proxies turned off explicitly");
        }

        var found = options.ProxySource.Find(target);
        return options.ProxyCredential is null || found.Proxy is null ? found : new ProxyDecision(found.Proxy, found.Source, found.Detail, options.ProxyCredential);
    }

    private static async Task<SignalingResult> TestAddressAsync(SignalingTarget target, ProxyDecision decision, IPEndPoint hop, SignalingOptions options, TimeSpan deadline, DateTimeOffset timestamp, IEngineLog log, CancellationToken cancellationToken)
    {
        var result = NewResult(target, options, decision, timestamp);
        result.RemoteAddress = hop.Address.ToString();
        var clock = options.Clock;
        var proxyText = decision.Proxy?.Authority ?? string.Empty;
        var peer = target.HostAndPort(defaultPortOmitted: false) + (decision.Proxy != null ? " through " + proxyText : target.IsAddressLiteral ? string.Empty : " (" + hop + ")");
        Socket? socket = null;
        Stream? stream = null;
        WebSocketConnection? connection = null;
        var steps = new Steps();
        try
        {
            socket = options.OpenStreamSocket(hop.AddressFamily);
            socket.NoDelay = true;
            var started = clock.Elapsed;
            await StreamConnect.ConnectAsync(socket, hop, ProbeFanOut.Remaining(options, deadline), clock, cancellationToken).ConfigureAwait(false);
            result.ConnectMs = Since(clock, started);
            log.Verbose("TCP connected to " + hop + " from " + socket.LocalEndPoint + " in " + Ms(result.ConnectMs) + " ms.");
            stream = new NetworkStream(socket, ownsSocket: true);
            var abort = (Action)socket.Dispose;

            if (decision.Proxy != null)
            {
                started = clock.Elapsed;
                var answer = await Deadline.RunAsync(ProxyTunnel.OpenAsync(stream, target, decision.Proxy, decision.Credential, UserAgent, log), ProbeFanOut.Remaining(options, deadline), clock, abort, "CONNECT through the proxy " + proxyText, cancellationToken).ConfigureAwait(false);
                result.TunnelMs = Since(clock, started);
                result.AnsweredBy = answer.AnsweredBy;
                result.HttpStatusCode = answer.Head.Status;
                answer.ThrowUnlessOpen();
            }

            if (target.Secure)
            {
                started = clock.Elapsed;
                var tls = await HandshakeAsync(stream, abort, target, peer, options, deadline, result, log, cancellationToken).ConfigureAwait(false);
                stream = tls.Stream;
                result.TlsMs = Since(clock, started);
                Describe(result, tls.Stream);
                steps.Intercepted = tls.Report.Intercepted == true ? InterceptionFailure(target, tls.Report) : null;
            }

            started = clock.Elapsed;
            var key = WebSocketHandshake.NewKey();
            var head = await Deadline.RunAsync(UpgradeAsync(stream, target, key, options.SubProtocol, peer, log), ProbeFanOut.Remaining(options, deadline), clock, abort, "The WebSocket upgrade with " + peer, cancellationToken).ConfigureAwait(false);
            result.UpgradeMs = Since(clock, started);
            result.HttpStatusCode = head.Status;
            result.AnsweredBy = ProxyTunnel.AnsweredBy(head) is { Length: > 0 } by ? by : result.AnsweredBy;
            WebSocketHandshake.Check(head, key, options.SubProtocol, peer);
            connection = new WebSocketConnection(new PrefixedStream(stream, head.Rest), clock, log, peer);
            connection.Start();
            log.Verbose("WebSocket open to " + peer + "; holding it " + Seconds(options.Hold) + " s.");
            await HoldAsync(connection, options, result, steps, log, cancellationToken).ConfigureAwait(false);
            Summarize(result, target, proxyText, steps);
        }
        catch (ProbeException ex)
        {
            result.HttpStatusCode ??= ex.ErrorCode;
            Fail(result, steps.Intercepted is null ? ex : new ProbeException(FailureReason.TlsIntercepted, steps.Intercepted.Message + " Then: " + ex.Message), proxyText);
            log.Verbose(target.Uri + ": " + ex.Reason + ": " + ex.Message);
        }
        finally
        {
            if (socket != null)
            {
                await OrderlyClose.EndAsync(socket, stream, clock, connection is null ? null : () => connection.Ended).ConfigureAwait(false);
            }

            connection?.Dispose();
            stream?.Dispose();
            socket?.Dispose();
        }

        return result;
    }

    /// <summary>TLS with SNI; the trust decides unless the check is skipped; what the certificate check saw goes into the result either way.</summary>
    private static async Task<(SslStream Stream, TlsReport Report)> HandshakeAsync(Stream inner, Action abort, SignalingTarget target, string peer, SignalingOptions options, TimeSpan deadline, SignalingResult result, IEngineLog log, CancellationToken cancellationToken)
    {
        TlsReport? report = null;
        RemoteCertificateValidationCallback validate = (_, certificate, chain, errors) =>
        {
            report = options.Trust.Evaluate(certificate, chain, errors, target.Host);
            Describe(result, report);
            return options.SkipCertificateCheck || report.Trusted;
        };
        var ssl = await StreamConnect.TlsAsync(inner, abort, peer, target.Host, validate, () => report?.Problem, ProbeFanOut.Remaining(options, deadline), options.Clock, log, cancellationToken).ConfigureAwait(false);
        var seen = report ?? TlsReport.Refused("no certificate was checked");
        if (!seen.Trusted)
        {
            log.Verbose("The certificate check is skipped; it would have failed: " + seen.Problem + ".");
        }

        return (ssl, seen);
    }

    /// <summary>Sends the upgrade request and reads the answer's head; the caller checks it.</summary>
    private static async Task<HttpResponseHead> UpgradeAsync(Stream stream, SignalingTarget target, string key, string subProtocol, string peer, IEngineLog log)
    {
        var request = WebSocketHandshake.Request(target, key, subProtocol, UserAgent);
        log.Verbose("GET " + target.Resource + " with Upgrade: websocket to " + peer + ".");
        await stream.WriteAsync(request, 0, request.Length).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
        var head = await HttpResponseHead.ReadAsync(stream, peer).ConfigureAwait(false);
        log.Verbose(peer + " answered the upgrade with " + head.StatusLine + ".");
        return head;
    }

    /// <summary>
    /// A Ping at once, then silence (or a Ping every <see cref="SignalingOptions.PingInterval"/>)
    /// until the hold ends, a Ping at the end, and the closing handshake. Ends early with
    /// ClosedEarly when the server closes or the stream ends, or when a later Ping goes unanswered
    /// although the first was answered: the path dropped the idle connection without a word.
    /// </summary>
    private static async Task HoldAsync(WebSocketConnection connection, SignalingOptions options, SignalingResult result, Steps steps, IEngineLog log, CancellationToken cancellationToken)
    {
        var clock = options.Clock;
        var opened = clock.Elapsed;
        steps.OpenedAt = opened;
        var holdEnd = opened + options.Hold;
        await PingAsync(connection, options, result, steps, cancellationToken).ConfigureAwait(false);
        var nextPing = options.PingInterval > TimeSpan.Zero ? opened + options.PingInterval : holdEnd;
        while (!connection.Ended.IsCompleted && clock.Elapsed < holdEnd && steps.Dropped is null)
        {
            var wait = (nextPing < holdEnd ? nextPing : holdEnd) - clock.Elapsed;
            using (var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                await Task.WhenAny(connection.Ended, clock.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, stopWaiting.Token)).ConfigureAwait(false);
                stopWaiting.Cancel();
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (!connection.Ended.IsCompleted && clock.Elapsed >= nextPing && nextPing < holdEnd)
            {
                nextPing += options.PingInterval;
                await PingAsync(connection, options, result, steps, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!connection.Ended.IsCompleted && steps.Dropped is null && options.Hold > TimeSpan.Zero)
        {
            await PingAsync(connection, options, result, steps, cancellationToken).ConfigureAwait(false);
        }

        result.MessagesReceived = connection.MessagesReceived;
        if (connection.Ended.IsCompleted)
        {
            var close = await connection.Ended.ConfigureAwait(false);
            result.HeldSeconds = Round((close.At - opened).TotalSeconds, 1);
            result.CloseCode = close.Code;
            result.CloseReason = close.Reason;
            throw EarlyClose(close, result, options);
        }

        result.HeldSeconds = Round(((clock.Elapsed < holdEnd ? clock.Elapsed : holdEnd) - opened).TotalSeconds, 1);
        if (steps.Dropped != null)
        {
            throw steps.Dropped;
        }

        var answer = await connection.CloseAsync(options.CloseTimeout).ConfigureAwait(false);
        result.MessagesReceived = connection.MessagesReceived;
        result.CloseCode = answer?.Code;
        result.CloseReason = answer?.Reason ?? string.Empty;
        steps.CloseNote = answer is null
            ? " The server did not answer the closing handshake within " + Seconds(options.CloseTimeout) + " s."
            : answer.Failure is null ? " Closed cleanly (" + answer.Code + ")." : " The server ended the connection without answering the Close (" + answer.Failure.Message + ").";
        log.Verbose(steps.CloseNote.Trim());
    }

    private static async Task PingAsync(WebSocketConnection connection, SignalingOptions options, SignalingResult result, Steps steps, CancellationToken cancellationToken)
    {
        var sentAt = options.Clock.Elapsed;
        result.PingsSent++;
        var rtt = await connection.PingAsync(options.PongTimeout, cancellationToken).ConfigureAwait(false);
        if (rtt is TimeSpan answered)
        {
            steps.RoundTrips.Add(answered.TotalMilliseconds);
            result.PingsAnswered = steps.RoundTrips.Count;
            result.PingRoundTripMs = Round(steps.RoundTrips.Average(), 3);
            return;
        }

        if (!connection.Ended.IsCompleted && steps.RoundTrips.Count > 0)
        {
            steps.Dropped = new ProbeException(FailureReason.ClosedEarly, "No Pong came within " + Seconds(options.PongTimeout) + " s to a Ping sent " + Seconds(sentAt - steps.OpenedAt) + " s after the upgrade, though the first Ping was answered in " + Ms(steps.RoundTrips[0]) + " ms: the path dropped the idle connection without closing it (the idle timeout of a NAT, firewall or proxy).");
        }
    }

    private static ProbeException EarlyClose(PeerClose close, SignalingResult result, SignalingOptions options)
    {
        if (close.Failure is { Reason: FailureReason.ProtocolError } broken)
        {
            return new ProbeException(FailureReason.ProtocolError, "The open WebSocket broke the protocol after " + Seconds(TimeSpan.FromSeconds(result.HeldSeconds ?? 0)) + " s: " + broken.Message);
        }

        var how = close.Failure is null
            ? "the server closed the WebSocket with " + close.Code + (close.Reason.Length > 0 ? " '" + close.Reason + "'" : string.Empty)
            : close.Failure.Message;
        return new ProbeException(FailureReason.ClosedEarly, "After " + (result.HeldSeconds ?? 0).ToString("0.0", CultureInfo.InvariantCulture) + " s of the " + Seconds(options.Hold) + " s hold, " + how + ".");
    }

    private static ProbeException InterceptionFailure(SignalingTarget target, TlsReport report) =>
        new(FailureReason.TlsIntercepted, "TLS to " + target.Host + " is intercepted: the certificate was re-signed on the path by " + (report.Product ?? "a CA that is no public root") + " (issuer " + report.Issuer + "; root " + (report.Root.Length > 0 ? report.Root + ", thumbprint " + report.RootThumbprint : "unknown") + ").");

    private static void Describe(SignalingResult result, SslStream ssl)
    {
        result.TlsProtocol = ssl.SslProtocol.ToString();
        var cipher = ssl.CipherAlgorithm.ToString();
        result.TlsCipher = char.IsDigit(cipher[cipher.Length - 1]) || ssl.CipherStrength <= 0 ? cipher : cipher + " " + ssl.CipherStrength.ToString(CultureInfo.InvariantCulture);
    }

    private static void Describe(SignalingResult result, TlsReport report)
    {
        result.CertificateSubject = report.Subject;
        result.CertificateIssuer = report.Issuer;
        result.CertificateRoot = report.Root;
        result.CertificateRootThumbprint = report.RootThumbprint;
        result.CertificateExpires = report.Expires;
        result.CertificateChain = report.Chain;
        result.TlsIntercepted = report.Intercepted;
        result.InterceptionProduct = report.Product ?? string.Empty;
    }

    private static void Summarize(SignalingResult result, SignalingTarget target, string proxy, Steps steps)
    {
        var pings = result.PingsAnswered == 0
            ? "the server answered none of " + result.PingsSent + " Ping(s)"
            : result.PingsAnswered + " of " + result.PingsSent + " Ping(s) answered in " + Ms(result.PingRoundTripMs) + " ms on average";
        var opened = "Opened " + target.Uri + (proxy.Length > 0 ? " through the proxy " + proxy : string.Empty)
            + " (TCP " + Ms(result.ConnectMs) + " ms" + (result.TunnelMs is null ? string.Empty : ", CONNECT " + Ms(result.TunnelMs) + " ms")
            + (result.TlsMs is null ? string.Empty : ", TLS " + Ms(result.TlsMs) + " ms") + ", upgrade " + Ms(result.UpgradeMs) + " ms)"
            + " and held it " + (result.HeldSeconds ?? 0).ToString("0.0", CultureInfo.InvariantCulture) + " s; " + pings + "." + steps.CloseNote
            + (result.CertificateCheckSkipped ? " The certificate was not checked (-SkipCertificateCheck)." : string.Empty);
        if (steps.Intercepted != null)
        {
            Fail(result, new ProbeException(FailureReason.TlsIntercepted, steps.Intercepted.Message + " " + opened), proxy);
            return;
        }

        result.Outcome = ProbeStatus.Succeeded;
        result.Reason = FailureReason.None;
        result.Message = opened;
    }

    private static void Fail(SignalingResult result, ProbeException failure, string proxy)
    {
        result.Outcome = ProbeStatus.Failed;
        result.Reason = failure.Reason;
        result.Message = failure.Message;
        result.Remediation = SignalingRemediation.For(failure.Reason, result.Server, result.Port, proxy, result.InterceptionProduct.Length > 0 ? result.InterceptionProduct : null);
    }

    private static SignalingResult NewResult(SignalingTarget target, SignalingOptions options, ProxyDecision decision, DateTimeOffset timestamp) => new()
    {
        Server = target.Host,
        Port = target.Port,
        Transport = target.Secure ? "Wss" : "Ws",
        Uri = target.Uri,
        ProxyUsed = decision.Proxy is null ? string.Empty : "http://" + decision.Proxy.Authority,
        ProxySource = decision.Source.ToString(),
        CertificateCheckSkipped = options.SkipCertificateCheck && target.Secure,
        Timestamp = timestamp,
    };

    /// <summary>Reports the hold's progress every second until the test ends.</summary>
    private static async Task TickAsync(SignalingOptions options, IProgress<ProbeProgress> progress, CancellationToken stop)
    {
        var start = options.Clock.Elapsed;
        var total = options.Hold + TimeSpan.FromSeconds(1);
        try
        {
            while (true)
            {
                await options.Clock.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
                var elapsed = options.Clock.Elapsed - start;
                progress.Report(new ProbeProgress(Activity, "Holding the WebSocket(s) open: " + Seconds(elapsed < options.Hold ? elapsed : options.Hold) + " of " + Seconds(options.Hold) + " s", (int)Math.Min(99, elapsed.TotalMilliseconds * 100 / total.TotalMilliseconds)));
            }
        }
        catch (OperationCanceledException)
        {
            // The test ended.
        }
    }

    private static double Since(IClock clock, TimeSpan started) => Round((clock.Elapsed - started).TotalMilliseconds, 3);

    private static double Round(double value, int digits) => Math.Round(value, digits);

    private static string Ms(double? ms) => (ms ?? 0).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>What the steps found that decides the verdict at the end.</summary>
    private sealed class Steps
    {
        public List<double> RoundTrips { get; } = new();

        public ProbeException? Intercepted { get; set; }

        public ProbeException? Dropped { get; set; }

        public string CloseNote { get; set; } = string.Empty;

        public TimeSpan OpenedAt { get; set; }
    }
}
