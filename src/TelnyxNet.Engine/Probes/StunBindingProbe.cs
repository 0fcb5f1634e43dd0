using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// Test-TelnyxStun's engine: resolves every server, sends Binding requests (RFC 8489 §3) to every
/// address in parallel, and returns one <see cref="StunBindingResult"/> per server and address, in
/// the order the servers were given. Failures are results, never exceptions; only cancellation throws.
/// </summary>
public static class StunBindingProbe
{
    private const string Activity = "Testing STUN servers";

    /// <summary>Runs the test.</summary>
    public static async Task<IReadOnlyList<StunBindingResult>> RunAsync(StunBindingOptions options, IEngineLog? log, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        log ??= NullEngineLog.Instance;
        return await ProbeFanOut.EveryServerAsync(
            options.Servers,
            options,
            Activity,
            "Waiting for " + options.Servers.Count + " server(s) to answer",
            server => server.Input,
            (server, deadline) => TestServerAsync(server, options, deadline, log, cancellationToken),
            progress,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The verdict of a STUN check, for -Quiet and the CLI's exit code: it passes when at least one
    /// server answered, since the SDK needs one working STUN server for srflx candidates.
    /// </summary>
    public static bool Passed(IEnumerable<StunBindingResult> results) =>
        (results ?? throw new ArgumentNullException(nameof(results))).Any(r => r.Outcome == ProbeStatus.Succeeded);

    private static Task<IReadOnlyList<StunBindingResult>> TestServerAsync(StunServerAddress server, StunBindingOptions options, TimeSpan deadline, IEngineLog log, CancellationToken cancellationToken)
    {
        var timestamp = options.Clock.UtcNow;
        return ProbeFanOut.EveryAddressAsync(
            server.Host,
            options,
            deadline,
            log,
            ex =>
            {
                var failed = NewResult(server, null, timestamp);
                Fail(failed, server, ex);
                return failed;
            },
            address => TestAddressAsync(server, address, options, deadline, timestamp, log, cancellationToken),
            cancellationToken);
    }

    private static async Task<StunBindingResult> TestAddressAsync(StunServerAddress server, IPAddress address, StunBindingOptions options, TimeSpan deadline, DateTimeOffset timestamp, IEngineLog log, CancellationToken cancellationToken)
    {
        var result = NewResult(server, address, timestamp);
        var remote = new IPEndPoint(address, server.Port);
        var tally = new Tally();
        try
        {
            log.Verbose("Testing STUN " + server.Transport.ToString().ToUpperInvariant() + " " + StunServerAddress.FormatHostPort(address.ToString(), server.Port) + (server.IsAddressLiteral ? string.Empty : " (" + server.Host + ")") + ".");
            if (server.Transport == TransportProtocol.Udp)
            {
                await RunUdpAsync(remote, options, deadline, result, tally, log, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RunStreamAsync(server, remote, options, deadline, result, tally, log, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ProbeException ex)
        {
            tally.Failure ??= ex;
        }

        Summarize(result, server, tally, log);
        return result;
    }

    private static async Task RunUdpAsync(IPEndPoint remote, StunBindingOptions options, TimeSpan deadline, StunBindingResult result, Tally tally, IEngineLog log, CancellationToken cancellationToken)
    {
        IDatagramSocket socket;
        try
        {
            socket = options.OpenDatagramSocket(remote);
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Classify(ex, "UDP to " + remote);
        }

        using var client = new StunUdpClient(socket, options.Clock, log);
        SetLocal(result, client.LocalEndPoint);
        for (var i = 0; i < options.Count && ProbeFanOut.Remaining(options, deadline) > TimeSpan.Zero; i++)
        {
            tally.Sent++;
            var sentBefore = client.Transmissions;
            try
            {
                var outcome = await client.ExecuteAsync(NewBindingRequest(), remote, options.Retransmission, ProbeFanOut.Remaining(options, deadline), cancellationToken, BindingResponse.Check).ConfigureAwait(false);
                Accept(outcome, result, tally, log);
            }
            catch (ProbeException ex)
            {
                tally.Failure = ex;
                if (ex.Reason != FailureReason.Timeout)
                {
                    break;
                }
            }
            finally
            {
                // Counted for failed transactions too: a timeout's retransmissions are the losses it saw.
                tally.Retransmissions += Math.Max(0, client.Transmissions - sentBefore - 1);
            }
        }
    }

    private static async Task RunStreamAsync(StunServerAddress server, IPEndPoint remote, StunBindingOptions options, TimeSpan deadline, StunBindingResult result, Tally tally, IEngineLog log, CancellationToken cancellationToken)
    {
        tally.Sent++;
        var client = await StunStreamClient.ConnectAsync(options.OpenStreamSocket(remote.AddressFamily), remote, server.Transport, server.Host, options.CertificateValidation, ProbeFanOut.Remaining(options, deadline), options.Clock, log, cancellationToken).ConfigureAwait(false);
        try
        {
            SetLocal(result, client.LocalEndPoint);
            result.TlsProtocol = client.TlsProtocol ?? string.Empty;
            for (var i = 0; i < options.Count && ProbeFanOut.Remaining(options, deadline) > TimeSpan.Zero; i++)
            {
                if (i > 0)
                {
                    tally.Sent++;
                }

                var outcome = await client.ExecuteAsync(NewBindingRequest(), ProbeFanOut.Remaining(options, deadline), cancellationToken, BindingResponse.Check).ConfigureAwait(false);
                Accept(outcome, result, tally, log);
            }
        }
        finally
        {
            await client.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Checks a response (RFC 8489 §6.3): a Binding success must carry a mapped address and no
    /// unknown comprehension-required attributes; an error response is a failure with its code.
    /// </summary>
    private static void Accept(StunTransactionOutcome outcome, StunBindingResult result, Tally tally, IEngineLog log)
    {
        var response = outcome.Response;
        result.ServerSoftware = response.Software ?? result.ServerSoftware;
        IPEndPoint mapped;
        try
        {
            mapped = BindingResponse.MappedEndPoint(response);
        }
        catch (ProbeException ex)
        {
            result.ErrorCode = ex.ErrorCode ?? result.ErrorCode;
            throw;
        }

        tally.Received++;
        tally.RoundTrips.Add(outcome.RoundTripTime.TotalMilliseconds);
        result.MappedAddress = mapped.Address.ToString();
        result.MappedPort = mapped.Port;
        result.ResponseOrigin = response.GetAttribute<StunAddressAttribute>(StunAttributeType.ResponseOrigin)?.EndPoint.ToString() ?? string.Empty;
        result.OtherAddress = response.GetAttribute<StunAddressAttribute>(StunAttributeType.OtherAddress)?.EndPoint.ToString() ?? string.Empty;
        log.Verbose("Answer from " + outcome.Source + " in " + Ms(outcome.RoundTripTime.TotalMilliseconds) + " ms: mapped address " + mapped + (result.ServerSoftware.Length > 0 ? ", server '" + result.ServerSoftware + "'" : string.Empty) + ".");
    }

    private static void Summarize(StunBindingResult result, StunServerAddress server, Tally tally, IEngineLog log)
    {
        result.Sent = tally.Sent;
        result.Received = tally.Received;
        result.Retransmissions = tally.Retransmissions;
        if (tally.Received == 0)
        {
            var failure = tally.Failure ?? new ProbeException(FailureReason.Timeout, "No Binding request could be sent within the timeout.");
            Fail(result, server, failure);
            log.Verbose(server.Input + ": " + failure.Reason + ": " + failure.Message);
            return;
        }

        result.Outcome = ProbeStatus.Succeeded;
        result.Reason = FailureReason.None;
        result.RoundTripTimeMs = Round(tally.RoundTrips.Average());
        result.MinRoundTripTimeMs = Round(tally.RoundTrips.Min());
        result.MaxRoundTripTimeMs = Round(tally.RoundTrips.Max());
        result.BehindNat = result.MappedAddress != result.LocalAddress || result.MappedPort != result.LocalPort;
        var lost = tally.Sent - tally.Received;
        result.Message = "Mapped to " + StunServerAddress.FormatHostPort(result.MappedAddress, result.MappedPort ?? 0) + " in " + Ms(result.RoundTripTimeMs.Value) + " ms"
            + (tally.Sent > 1 ? " (average of " + tally.Received + " of " + tally.Sent + ")" : string.Empty)
            + (lost > 0 ? "; " + lost + " request(s) unanswered: " + tally.Failure?.Message : ".");
    }

    private static void Fail(StunBindingResult result, StunServerAddress server, ProbeException failure)
    {
        result.Outcome = ProbeStatus.Failed;
        result.Reason = failure.Reason;
        result.Message = failure.Message;
        result.Remediation = StunRemediation.For(failure.Reason, server.Transport, server.Host, server.Port, result.ErrorCode, failure.Connected);
    }

    private static StunBindingResult NewResult(StunServerAddress server, IPAddress? address, DateTimeOffset timestamp) => new()
    {
        Server = server.Host,
        Port = server.Port,
        Transport = server.Transport.ToString(),
        RemoteAddress = address?.ToString() ?? string.Empty,
        Timestamp = timestamp,
    };

    private static void SetLocal(StunBindingResult result, EndPoint? local)
    {
        if (local is IPEndPoint ip)
        {
            result.LocalAddress = (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString();
            result.LocalPort = ip.Port;
        }
    }

    private static byte[] NewBindingRequest() => BindingResponse.Request();

    private static double Round(double ms) => Math.Round(ms, 3);

    private static string Ms(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture);

    private sealed class Tally
    {
        public int Sent { get; set; }

        public int Received { get; set; }

        public int Retransmissions { get; set; }

        public List<double> RoundTrips { get; } = new();

        public ProbeException? Failure { get; set; }
    }
}
