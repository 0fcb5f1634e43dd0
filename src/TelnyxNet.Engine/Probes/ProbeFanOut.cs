using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// How every probe spreads out: all servers in parallel, each resolved, all of a server's
/// addresses in parallel, results kept in the order the servers were given, a progress report as
/// each server finishes. A command then costs about its slowest server, not the sum.
/// </summary>
internal static class ProbeFanOut
{
    /// <summary>Runs <paramref name="test"/> for every server at once and returns the results in server order.</summary>
    public static async Task<IReadOnlyList<TResult>> EveryServerAsync<TServer, TResult>(IReadOnlyList<TServer> servers, string activity, string waiting, Func<TServer, string> name, Func<TServer, Task<IReadOnlyList<TResult>>> test, IProgress<ProbeProgress>? progress)
    {
        var done = 0;
        progress?.Report(new ProbeProgress(activity, waiting, 0));
        var tasks = servers.Select(async server =>
        {
            var results = await test(server).ConfigureAwait(false);
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
