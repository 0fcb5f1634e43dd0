namespace TelnyxNet.Lab;

/// <summary>
/// What the <see cref="ImpairmentRelay"/> does to each datagram from the client towards a server
/// (as a qdisc on the NAT's public side would; answers pass untouched, so the whole of it shows
/// in the round-trip time and a probability p loses a fraction p of transactions): drop it with
/// probability <see cref="Loss"/>, else hold it <see cref="Delay"/> plus a uniform offset in
/// [-<see cref="Jitter"/>, +<see cref="Jitter"/>]. <see cref="Seed"/> seeds the random source:
/// the same datagrams in the same order meet the same fate.
/// </summary>
public sealed record Impairment(TimeSpan Delay, TimeSpan Jitter, double Loss, int Seed);
