namespace TelnyxNet.Engine.Transport;

/// <summary>
/// UDP retransmission (RFC 8489 §6.2.1): send at 0, RTO, 3·RTO, 7·RTO … (the interval doubles),
/// at most Rc transmissions, then wait Rm·RTO after the last one. Defaults RTO 500 ms, Rc 7,
/// Rm 16 give sends at 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s and a timeout at 39.5 s; a command's
/// own timeout always cuts this short.
/// </summary>
public sealed class RetransmissionPolicy
{
    /// <summary>RFC 8489 defaults.</summary>
    public static readonly RetransmissionPolicy Default = new(TimeSpan.FromMilliseconds(500), 7, 16);

    /// <summary>Creates a policy; throws on values outside what the RFC allows.</summary>
    public RetransmissionPolicy(TimeSpan initialRto, int maxTransmissions, int finalWaitMultiplier)
    {
        if (initialRto <= TimeSpan.Zero || initialRto > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(initialRto), initialRto, "RTO must be above zero and at most one minute.");
        }

        if (maxTransmissions < 1 || maxTransmissions > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTransmissions), maxTransmissions, "Rc must be 1 to 20.");
        }

        if (finalWaitMultiplier < 1 || finalWaitMultiplier > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(finalWaitMultiplier), finalWaitMultiplier, "Rm must be 1 to 64.");
        }

        InitialRto = initialRto;
        MaxTransmissions = maxTransmissions;
        FinalWaitMultiplier = finalWaitMultiplier;
    }

    /// <summary>RTO: the first retransmission interval.</summary>
    public TimeSpan InitialRto { get; }

    /// <summary>Rc: the most transmissions of one request.</summary>
    public int MaxTransmissions { get; }

    /// <summary>Rm: the wait after the last transmission, in RTOs.</summary>
    public int FinalWaitMultiplier { get; }

    /// <summary>When each transmission is due, from the start of the transaction.</summary>
    public IReadOnlyList<TimeSpan> TransmissionTimes()
    {
        var times = new TimeSpan[MaxTransmissions];
        var interval = InitialRto;
        for (var i = 1; i < times.Length; i++)
        {
            times[i] = times[i - 1] + interval;
            interval = TimeSpan.FromTicks(interval.Ticks * 2);
        }

        return times;
    }

    /// <summary>When the transaction gives up if nothing came back (39.5 s with the defaults).</summary>
    public TimeSpan TransactionTimeout =>
        TransmissionTimes()[MaxTransmissions - 1] + TimeSpan.FromTicks(InitialRto.Ticks * FinalWaitMultiplier);
}
