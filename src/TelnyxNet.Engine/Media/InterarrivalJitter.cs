namespace TelnyxNet.Engine.Media;

/// <summary>
/// RFC 3550 §6.4.1's interarrival jitter estimator, as its appendix A.8 computes it: for each packet
/// i in order of arrival (not necessarily of sequence), D(i-1, i) = (R(i) - R(i-1)) - (S(i) - S(i-1)),
/// the change in transit time from the previous arrival, and J(i) = J(i-1) + (|D(i-1, i)| - J(i-1)) / 16,
/// starting from 0. The RFC counts S and R in RTP timestamp units; the estimator is linear, so fed
/// milliseconds it gives the same value in milliseconds (the RFC's units divided by 8 for PCMU).
/// </summary>
internal sealed class InterarrivalJitter
{
    /// <summary>The RFC's gain: 1/16, a good noise reduction ratio with a reasonable rate of convergence.</summary>
    private const double Gain = 1.0 / 16;

    private double? _lastTransit;

    /// <summary>The estimate after the last packet; 0 before the second.</summary>
    public double Value { get; private set; }

    /// <summary>Takes one arrival: <paramref name="sent"/> is when the packet was sent (S), <paramref name="arrived"/> when it arrived (R), in one unit.</summary>
    public double Add(double sent, double arrived)
    {
        var transit = arrived - sent;
        if (_lastTransit is double last)
        {
            Value += (Math.Abs(transit - last) - Value) * Gain;
        }

        _lastTransit = transit;
        return Value;
    }
}
