using TelnyxNet.Engine.Media;

namespace TelnyxNet.Engine.Tests.Media;

/// <summary>The jitter estimator against RFC 3550 §6.4.1's definition, on synthetic send and arrival times.</summary>
public sealed class InterarrivalJitterTests
{
    [Fact]
    public void Follows_the_definition_step_by_step()
    {
        // Transits 10, 12, 9, 15 ms: |D| = 2, 3, 6.
        // J1 = 2/16 = 0.125; J2 = 0.125 + (3 - 0.125)/16 = 0.3046875; J3 = 0.3046875 + (6 - 0.3046875)/16 = 0.66064453125.
        var jitter = new InterarrivalJitter();

        Assert.Equal(0, jitter.Add(0, 10));
        Assert.Equal(0.125, jitter.Add(20, 32));
        Assert.Equal(0.3046875, jitter.Add(40, 49));
        Assert.Equal(0.66064453125, jitter.Add(60, 75));
    }

    [Fact]
    public void Is_zero_for_a_constant_delay_however_long()
    {
        var jitter = new InterarrivalJitter();
        for (var i = 0; i < 100; i++)
        {
            jitter.Add(i * 20, (i * 20) + 250);
        }

        Assert.Equal(0, jitter.Value);
    }

    [Fact]
    public void Converges_to_a_constant_transit_change_as_1_minus_15_over_16_to_the_n()
    {
        // Transits alternate 10 and 14 ms: |D| = 4 every time, so J(n) = 4·(1 - (15/16)^n).
        var jitter = new InterarrivalJitter();
        jitter.Add(0, 10);
        for (var n = 1; n <= 200; n++)
        {
            var value = jitter.Add(n * 20, (n * 20) + (n % 2 == 0 ? 10 : 14));
            Assert.Equal(4 * (1 - Math.Pow(15.0 / 16, n)), value, 9);
        }
    }

    /// <summary>
    /// Appendix A.8 in RTP timestamp units (8000 Hz: 8 units a millisecond), in integers as the RFC
    /// computes transit, against the estimator fed milliseconds: the same value divided by 8, for
    /// arrivals with random delays, out of order where they overtake each other.
    /// </summary>
    [Fact]
    public void Equals_appendix_A8_in_timestamp_units_on_random_arrivals_in_arrival_order()
    {
        var random = new Random(3550);
        var packets = Enumerable.Range(0, 500)
            .Select(i => (Timestamp: i * 160L, Sent: i * 20.0, Arrival: (i * 20.0) + 150 + (random.Next(0, 8001) / 100.0)))
            .OrderBy(p => p.Arrival)
            .ToList();
        var milliseconds = new InterarrivalJitter();
        double rfcJitter = 0;
        long? lastTransit = null;
        foreach (var packet in packets)
        {
            var arrivalUnits = (long)Math.Round(packet.Arrival * 8);
            var transit = arrivalUnits - packet.Timestamp;
            if (lastTransit is long last)
            {
                var d = Math.Abs(transit - last);
                rfcJitter += (1.0 / 16.0) * (d - rfcJitter);
            }

            lastTransit = transit;
            var ours = milliseconds.Add(packet.Timestamp / 8.0, arrivalUnits / 8.0);
            Assert.Equal(rfcJitter / 8, ours, 9);
        }

        Assert.True(rfcJitter > 0);
    }

    [Fact]
    public void Takes_packets_in_arrival_order_not_sequence_order()
    {
        // Packet 1 (sent at 20) overtakes packet 0 (sent at 0): arrival order is 1, 0, 2.
        var jitter = new InterarrivalJitter();
        jitter.Add(20, 50);          // transit 30
        var afterOverTaken = jitter.Add(0, 60);   // transit 60: |D| = 30 → 30/16
        var afterThird = jitter.Add(40, 80);      // transit 40: |D| = 20 → J += (20 - J)/16

        Assert.Equal(30.0 / 16, afterOverTaken, 12);
        Assert.Equal((30.0 / 16) + ((20 - (30.0 / 16)) / 16), afterThird, 12);
    }
}
