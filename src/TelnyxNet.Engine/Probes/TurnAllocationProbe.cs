using System.Globalization;
using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// Test-TelnyxTurn's engine: for every server and transport in parallel, resolves the host,
/// allocates a relay with long-term credentials (RFC 8656 §7), proves the relay forwards data to a
/// local peer and back, and deletes the allocation on every exit path. Returns one
/// <see cref="TurnAllocationResult"/> per server, transport and address, in the order given.
/// Failures are results, never exceptions; only cancellation throws (after cleanup).
/// </summary>
public static class TurnAllocationProbe
{
    private const string Activity = "Testing TURN servers";

    /// <summary>Runs the test.</summary>
    public static async Task<IReadOnlyList<TurnAllocationResult>> RunAsync(TurnAllocationOptions options, IEngineLog? log, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
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
            "Allocating on " + options.Servers.Count + " server(s) and transport(s)",
            server => server.ToString(),
            (server, deadline) => TestServerAsync(server, options, deadline, log, cancellationToken),
            progress,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The verdict of a TURN check, for -Quiet and the CLI's exit code: it passes when at least one
    /// transport relayed successfully (allocated, and the relay verified unless the check was skipped).
    /// </summary>
    public static bool Passed(IEnumerable<TurnAllocationResult> results) =>
        (results ?? throw new ArgumentNullException(nameof(results))).Any(r => r.Outcome == ProbeStatus.Succeeded);

    private static Task<IReadOnlyList<TurnAllocationResult>> TestServerAsync(TurnServerAddress server, TurnAllocationOptions options, TimeSpan deadline, IEngineLog log, CancellationToken cancellationToken)
    {
        var timestamp = options.Clock.UtcNow;
        return ProbeFanOut.EveryAddressAsync(
            server.Host,
            options,
            deadline,
            log,
            ex =>
            {
                var failed = NewResult(server, null, options, timestamp);
                Fail(failed, TurnTarget.Given(server), options.CredentialOf(server), ex);
                return failed;
            },
            address => TestAddressAsync(server, address, options, deadline, timestamp, log, cancellationToken),
            cancellationToken);
    }

    private static async Task<TurnAllocationResult> TestAddressAsync(TurnServerAddress server, IPAddress address, TurnAllocationOptions options, TimeSpan deadline, DateTimeOffset timestamp, IEngineLog log, CancellationToken cancellationToken)
    {
        var result = NewResult(server, address, options, timestamp);
        var target = TurnTarget.Given(server);
        TurnClient? client = null;
        TurnSession? session = null;
        try
        {
            session = await TurnSession.OpenAsync(
                server,
                address,
                options,
                deadline,
                log,
                (at, connected) =>
                {
                    ReadIfAny(result, client);
                    target = at;
                    client = connected;
                    result.AlternateServer = at.Alternate?.ToString() ?? string.Empty;
                    if (connected != null)
                    {
                        Describe(result, connected);
                    }
                },
                cancellationToken).ConfigureAwait(false);
            result.AllocateTimeMs = session.AllocateTimeMs;
            Granted(result, session.Client.Allocation!);
            var note = string.Empty;
            if (!options.SkipRelayCheck)
            {
                var check = await session.CheckRelayAsync(null, cancellationToken).ConfigureAwait(false);
                result.RelayVerified = check.Verified;
                result.RelayRoundTripTimeMs = check.RoundTripMs is double rtt ? Round(rtt) : null;
                note = check.Note;
            }

            Succeed(result, options.SkipRelayCheck, note);
        }
        catch (ProbeException ex)
        {
            ReadIfAny(result, client);
            Fail(result, target, options.CredentialOf(server), ex);
        }
        finally
        {
            ReadIfAny(result, client);
            if (session != null)
            {
                result.Deallocated = await session.CloseAsync().ConfigureAwait(false);
            }
        }

        log.Verbose(result.Server + ":" + result.Port + "/" + result.Transport + ": " + result.Status + (result.Outcome == ProbeStatus.Succeeded ? string.Empty : " (" + result.FailureReason + ")") + ". " + result.Message);
        return result;
    }

    private static void Describe(TurnAllocationResult result, TurnClient client)
    {
        if (client.Transport.LocalEndPoint is IPEndPoint local)
        {
            result.LocalAddress = (local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address).ToString();
            result.LocalPort = local.Port;
        }

        result.TlsProtocol = client.Transport.TlsProtocol ?? string.Empty;
    }

    private static void Read(TurnAllocationResult result, TurnClient client)
    {
        result.ServerReachable |= client.ServerReachable;
        result.Realm = client.Realm.Length > 0 ? client.Realm : result.Realm;
        result.ServerSoftware = client.ServerSoftware.Length > 0 ? client.ServerSoftware : result.ServerSoftware;
        result.PasswordAlgorithm = client.Algorithm?.ToString().ToUpperInvariant() ?? result.PasswordAlgorithm;
    }

    private static void ReadIfAny(TurnAllocationResult result, TurnClient? client)
    {
        if (client != null)
        {
            Read(result, client);
        }
    }

    private static void Granted(TurnAllocationResult result, TurnAllocation allocation)
    {
        result.RelayedAddress = allocation.Relayed.Address.ToString();
        result.RelayedPort = allocation.Relayed.Port;
        result.MappedAddress = allocation.Mapped?.Address.ToString() ?? string.Empty;
        result.MappedPort = allocation.Mapped?.Port;
        result.LifetimeSeconds = (int)Math.Min(int.MaxValue, allocation.LifetimeSeconds);
    }

    private static void Succeed(TurnAllocationResult result, bool skipped, string note)
    {
        result.Outcome = ProbeStatus.Succeeded;
        result.Reason = FailureReason.None;
        var relay = skipped ? "relay check skipped."
            : result.RelayVerified == true ? "data relayed both ways in " + Ms(result.RelayRoundTripTimeMs) + " ms."
            : "the relay itself was not verified.";
        result.Message = "Relay " + StunServerAddress.FormatHostPort(result.RelayedAddress, result.RelayedPort ?? 0) + " granted for " + result.LifetimeSeconds + " s in " + Ms(result.AllocateTimeMs) + " ms"
            + (result.AlternateServer.Length > 0 ? " by the alternate server " + result.AlternateServer : string.Empty)
            + "; " + relay + (note.Length > 0 ? " " + note : string.Empty);
    }

    /// <summary>The result's failure; remediation and message name the server that failed (the alternate, after a followed redirect).</summary>
    private static void Fail(TurnAllocationResult result, TurnTarget target, TurnCredential credential, ProbeException failure)
    {
        result.Outcome = ProbeStatus.Failed;
        result.Reason = failure.Reason;
        result.ErrorCode = failure.ErrorCode;
        result.ErrorReason = failure.ErrorReason;
        if (failure.Reason == FailureReason.RelayNotForwarding)
        {
            result.RelayVerified = false;
        }

        var context = target.RedirectedFrom != null
            ? target.Context
            : result.ServerReachable && failure.Reason is FailureReason.Timeout or FailureReason.AuthenticationFailed
                ? " The server itself is reachable: it answered" + (result.Realm.Length > 0 ? " with a challenge for realm '" + result.Realm + "'" : string.Empty) + "."
                : string.Empty;
        result.Message = failure.Message + context;
        result.Remediation = target.Remediation(failure, credential.Source);
    }

    private static TurnAllocationResult NewResult(TurnServerAddress server, IPAddress? address, TurnAllocationOptions options, DateTimeOffset timestamp) => new()
    {
        Server = server.Host,
        Port = server.Port,
        Transport = server.Transport.ToString(),
        RemoteAddress = address?.ToString() ?? string.Empty,
        CredentialSource = options.CredentialOf(server).Source.ToString(),
        Username = options.CredentialOf(server).Username,
        Timestamp = timestamp,
    };

    private static double Round(double ms) => Math.Round(ms, 3);

    private static string Ms(double? ms) => (ms ?? 0).ToString("0.###", CultureInfo.InvariantCulture);
}
