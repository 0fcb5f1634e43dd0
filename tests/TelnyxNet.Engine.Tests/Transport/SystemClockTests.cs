using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Transport;

public sealed class SystemClockTests
{
    [Fact]
    public async Task Delay_never_ends_before_the_time_asked_for_even_between_milliseconds()
    {
        var clock = SystemClock.Instance;
        for (var i = 0; i < 20; i++)
        {
            var wait = TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond * 3 + 7_000 + i);
            var start = clock.Elapsed;

            await clock.Delay(wait, CancellationToken.None);

            Assert.True(clock.Elapsed - start >= wait, "ended after " + (clock.Elapsed - start).TotalMilliseconds + " ms of " + wait.TotalMilliseconds);
        }
    }
}
