using System.Globalization;
using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Probes;

/// <summary>One transport of a <see cref="TransportRace"/>: its allocation, or why there is none.</summary>
internal sealed class TransportAttempt
{
    public TransportAttempt(TurnServerAddress server)
    {
        Server = server;
        Target = TurnTarget.Given(server);
    }

    /// <summary>The server and transport.</summary>
    public TurnServerAddress Server { get; }

    /// <summary>"Udp 3478", for lists and messages.</summary>
    public string Name => Server.Transport + " " + Server.Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The allocation, when it succeeded.</summary>
    public TurnSession? Session { get; private set; }

    /// <summary>Why it did not, when it did not.</summary>
    public ProbeException? Failure { get; private set; }

    /// <summary>The last client it connected (what the server said survives a failure).</summary>
    public TurnClient? Client { get; private set; }

    /// <summary>The server it is at, to blame for its failure: the one given, or the alternate a redirect sent it to.</summary>
    public TurnTarget Target { get; private set; }

    /// <summary>When it finished, on the options' clock.</summary>
    public TimeSpan FinishedAt { get; private set; }

    /// <summary>True when the race gave it up.</summary>
    public bool GivenUp { get; private set; }

    /// <summary>"Udp 3478: Timeout".</summary>
    public string Outcome => Name + ": " + (Session != null && !GivenUp ? nameof(ProbeStatus.Succeeded) : Failure?.Reason.ToString() ?? "Cancelled");

    /// <summary>Allocates; failures are kept, never thrown (cancellation included, which the race checks itself).</summary>
    public async Task RunAsync(IPAddress address, MediaPathOptions options, TimeSpan deadline, IEngineLog log, CancellationToken cancellationToken)
    {
        try
        {
            Session = await TurnSession.OpenAsync(Server, address, options, deadline, log, (at, client) =>
            {
                Target = at;
                Client = client ?? Client;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ProbeException ex)
        {
            Failure ??= ex;
            log.Verbose(Name + ": " + ex.Message);
        }
        catch (OperationCanceledException)
        {
            // Given up, or the whole test was cancelled: the race knows which.
        }

        FinishedAt = options.Clock.Elapsed;
    }

    /// <summary>Marks it given up because <paramref name="winner"/> allocated <paramref name="grace"/> before.</summary>
    public void GiveUp(string winner, TimeSpan grace)
    {
        GivenUp = true;
        Failure = new ProbeException(FailureReason.Timeout, Name + " had not allocated " + grace.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s after " + winner + " did.");
    }
}
