using TelnyxNet.Engine.Media;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Media;

/// <summary>
/// The stream's pacing on a clock the test moves: each packet leaves in its own 20 ms slot counted
/// from the start, so a late wake-up sends the packets already due at once and the next one in its
/// slot again (no drift); then the wait for echoes, at least 0.5 s.
/// </summary>
public sealed class MediaStreamPacingTests
{
    private static readonly TimeSpan Slot = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Sends_every_packet_in_its_slot_from_the_start_and_a_late_wake_up_shifts_none_after_it()
    {
        var clock = new ManualClock();
        var (path, relay) = await BlackHoleRelay.OpenAsync(clock);
        using (path.Client)
        {
            var start = clock.Elapsed;
            var run = MediaStream.RunAsync(path, new PcmuStream(7, 7, 7, 20), clock, NullEngineLog.Instance, null, CancellationToken.None);
            var late = TimeSpan.FromMilliseconds(45);
            var jumped = false;
            for (var step = 0; step < 1000 && !run.IsCompleted; step++)
            {
                // Quiet: the sender (or the wait for echoes) and the client's receive loop are both waiting on the clock.
                await Eventually.True(() => run.IsCompleted || clock.PendingDelayCount == 2, "the stream to wait on the clock");
                if (run.IsCompleted)
                {
                    break;
                }

                if (!jumped && relay.SentAt.Count == 3)
                {
                    jumped = true;
                    clock.AdvanceTo(start + (3 * Slot) + late);
                }
                else
                {
                    clock.AdvanceTo(clock.NextDue!.Value);
                }
            }

            var outcome = await run;
            var sent = relay.SentAt.Select(t => t - start).ToList();

            Assert.Equal(20, outcome.Sent);
            Assert.Equal(20, sent.Count);
            for (var i = 0; i < 20; i++)
            {
                var slot = i * Slot;
                if (i is >= 3 and <= 5)
                {
                    Assert.InRange(sent[i], slot, (3 * Slot) + late);
                }
                else
                {
                    Assert.Equal(slot, sent[i]);
                }
            }

            Assert.InRange(outcome.MaxSendLag, TimeSpan.FromMilliseconds(5), late);
            Assert.Equal((19 * Slot) + TimeSpan.FromMilliseconds(500), clock.Elapsed - start);
            Assert.Equal(0, outcome.Outbound.ArrivedCount);
            Assert.Equal(20, outcome.Outbound.EnteredCount);
        }
    }
}
