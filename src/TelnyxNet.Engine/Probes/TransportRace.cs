using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// Picks the transport a call's media would take to one server address: allocations on every
/// candidate (already in preference order, UDP before TCP before TLS) start at once; the most
/// preferred one that allocates wins. A preferred transport still under way when a less preferred
/// one has allocated gets <see cref="MediaPathOptions.PreferenceGrace"/> more, then is given up,
/// so a blocked UDP costs the grace, not the whole timeout. Every allocation but the winner's is
/// deleted before the race returns, and on cancellation every one is.
/// </summary>
internal static class TransportRace
{
    /// <summary>Runs the race; the winner (null when none allocated) and every attempt up to it, in preference order.</summary>
    public static async Task<(TurnSession? Winner, IReadOnlyList<TransportAttempt> Attempts)> RunAsync(IReadOnlyList<TurnServerAddress> candidates, IPAddress address, MediaPathOptions options, TimeSpan deadline, IEngineLog log, CancellationToken cancellationToken)
    {
        var clock = options.Clock;
        var attempts = candidates.Select(c => new TransportAttempt(c)).ToList();
        var stops = candidates.Select(_ => CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)).ToList();
        var tasks = attempts.Select((a, k) => a.RunAsync(address, options, deadline, log, stops[k].Token)).ToList();
        TurnSession? winner = null;
        var decided = 0;
        try
        {
            for (; decided < attempts.Count && winner is null; decided++)
            {
                await DecideAsync(decided, attempts, tasks, stops, options.PreferenceGrace, clock, log, cancellationToken).ConfigureAwait(false);
                winner = attempts[decided].GivenUp ? null : attempts[decided].Session;
            }

            // An attempt ends quietly when cancelled; the race does not.
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            foreach (var (stop, k) in stops.Select((s, k) => (s, k)).Where(x => attempts[x.k].Session is null || attempts[x.k].Session != winner))
            {
                stop.Cancel();
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
            foreach (var attempt in attempts.Where(a => a.Session != null && (a.Session != winner || cancellationToken.IsCancellationRequested)))
            {
                await attempt.Session!.CloseAsync().ConfigureAwait(false);
            }

            foreach (var stop in stops)
            {
                stop.Dispose();
            }
        }

        return (winner, attempts.Take(decided).ToList());
    }

    /// <summary>Waits until attempt <paramref name="k"/> is over: finished, or given up once a later one has allocated and the grace has passed.</summary>
    private static async Task DecideAsync(int k, List<TransportAttempt> attempts, List<Task> tasks, List<CancellationTokenSource> stops, TimeSpan grace, IClock clock, IEngineLog log, CancellationToken cancellationToken)
    {
        while (!tasks[k].IsCompleted)
        {
            var later = attempts.Skip(k + 1).Where(a => a.Session != null).OrderBy(a => a.FinishedAt).FirstOrDefault();
            if (later is null)
            {
                await Task.WhenAny(tasks.Skip(k)).ConfigureAwait(false);
            }
            else
            {
                var left = later.FinishedAt + grace - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    log.Verbose(attempts[k].Name + " has not allocated " + grace.TotalSeconds + " s after " + later.Name + " did: giving it up.");
                    attempts[k].GiveUp(later.Name, grace);
                    stops[k].Cancel();
                    await tasks[k].ConfigureAwait(false);
                    return;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(tasks[k], clock.Delay(left, wait.Token)).ConfigureAwait(false);
                wait.Cancel();
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
