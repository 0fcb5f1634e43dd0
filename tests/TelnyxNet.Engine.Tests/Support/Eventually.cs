using System.Diagnostics;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>Bounded waiting for an effect that happens on another thread; never a timing assertion.</summary>
internal static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds, failing the test after <paramref name="limit"/> (default 10 s).</summary>
    public static async Task True(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var bound = limit ?? TimeSpan.FromSeconds(10);
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > bound)
            {
                Assert.Fail("Still waiting after " + bound.TotalSeconds + " s for: " + what);
            }

            await Task.Delay(5);
        }
    }
}
