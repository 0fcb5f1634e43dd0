using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// How every probe spreads out: servers in parallel, at most <see cref="ProbeOptions.ThrottleLimit"/>
/// at a time, each resolved, all of a server's addresses in parallel, results kept in the order the
/// servers were given, a progress report as each server finishes. Each server's test is bounded by
/// <see cref="ProbeOptions.Timeout"/> from when it starts, so a command costs about its slowest
/// server when the servers fit the throttle, and a long list still gets real verdicts.
/// </summary>
internal static class ProbeFanOut
{
    /// <summary>
    /// Runs <paramref name="test"/> for every server, at most the throttle at once, each with its
    /// deadline (clock time) from when it starts, and returns the results in server order.
    /// </summary>
    public static async Task<IReadOnlyList<TResult>> EveryServerAsync<TServer, TResult>(IReadOnlyList<TServer> servers, ProbeOptions options, string activity, string waiting, Func<TServer, string> name, Func<TServer, TimeSpan, Task<IReadOnlyList<TResult>>> test, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        var done = 0;
        progress?.Report(new ProbeProgress(activity, waiting, 0));
        using var slots = new SemaphoreSlim(options.ThrottleLimit, options.ThrottleLimit);
        var tasks = servers.Select(async server =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<TResult> results;
            try
            {
                results = await test(server, options.Clock.Elapsed + options.Timeout).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }

            var finished = Interlocked.Increment(ref done);
            progress?.Report(new ProbeProgress(activity, "Finished " + name(server) + " (" + finished + " of " + servers.Count + ")", finished * 100 / servers.Count));
            return results;
        }).ToList();
        var all = await Task.WhenAll(tasks).ConfigureAwait(false);
        progress?.Report(new ProbeProgress(activity, "Done", 100, completed: true));
        return all.SelectMany(r => r).ToList();
    }

    /// <summary>
    /// Resolves <paramref name="host"/> within the time left and runs <paramref name="test"/> for every
    /// address at once; when the name does not resolve, the one result is <paramref name="unresolved"/>.
    /// </summary>
    public static async Task<IReadOnlyList<TResult>> EveryAddressAsync<TResult>(string host, ProbeOptions options, TimeSpan deadline, IEngineLog log, Func<ProbeException, TResult> unresolved, Func<IPAddress, Task<TResult>> test, CancellationToken cancellationToken)
    {
        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await HostResolution.ResolveAsync(options.Resolver, host, options.AddressFamily, Remaining(options, deadline), options.Clock, log, cancellationToken).ConfigureAwait(false);
        }
        catch (ProbeException ex)
        {
            log.Verbose(ex.Message);
            return new[] { unresolved(ex) };
        }

        return await Task.WhenAll(addresses.Select(test)).ConfigureAwait(false);
    }

    /// <summary>The time left before <paramref name="deadline"/> on the options' clock, never negative.</summary>
    public static TimeSpan Remaining(ProbeOptions options, TimeSpan deadline)
    {
        var left = deadline - options.Clock.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
