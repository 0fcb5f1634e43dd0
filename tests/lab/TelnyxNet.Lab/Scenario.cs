using System.Globalization;

namespace TelnyxNet.Lab;

/// <summary>
/// The network situations the lab reproduces, as a closed set of named values: what stands
/// between the client (10.0.0.2) and the servers (203.0.113.10 and .11). Apply one with
/// <see cref="NetworkLab.ApplyAsync"/>, which builds it from the plain lab.
/// </summary>
public abstract partial record Scenario
{
    private Scenario()
    {
    }

    /// <summary>No NAT: the servers see the client's own address 10.0.0.2 (they route back to it).</summary>
    public static Scenario Open { get; } = new OpenNetwork();

    /// <summary>MASQUERADE: one public mapping per client address and port, whatever the destination (RFC 4787 endpoint-independent mapping). The lab's default.</summary>
    public static Scenario EndpointIndependentNat { get; } = new Nat(Symmetric: false);

    /// <summary>MASQUERADE --random-fully: a new public port for every destination (address and port dependent mapping).</summary>
    public static Scenario SymmetricNat { get; } = new Nat(Symmetric: true);

    /// <summary>A firewall that lets only TCP 443 out (and its answers back): UDP, TCP 3478 and the rest are dropped silently.</summary>
    public static Scenario UdpBlocked { get; } = new OnlyTcp443();

    /// <summary>A firewall that silently drops <paramref name="protocol"/> to <paramref name="port"/> on every server.</summary>
    public static Scenario PortDropped(LabProtocol protocol, int port) => new Dropped(protocol, CheckPort(port));

    /// <summary>A firewall that rejects <paramref name="protocol"/> to <paramref name="port"/>: ICMP port unreachable for UDP, a TCP reset for TCP.</summary>
    public static Scenario PortRejected(LabProtocol protocol, int port) => new Rejected(protocol, CheckPort(port));

    /// <summary>Random loss of datagrams towards the servers with <paramref name="probability"/> (0 to 1), seeded (see <see cref="Impairment"/>).</summary>
    public static Scenario Loss(double probability, int seed = 1) => new Lossy(new Impairment(TimeSpan.Zero, TimeSpan.Zero, CheckProbability(probability), seed));

    /// <summary>
    /// A slow path: datagrams towards the servers held <paramref name="delay"/> ± <paramref name="jitter"/>
    /// (uniform; jitter at most the delay, both at most 10 s) and lost with <paramref name="loss"/>, seeded.
    /// </summary>
    public static Scenario Impaired(TimeSpan delay, TimeSpan jitter, double loss, int seed = 1)
    {
        if (delay < TimeSpan.Zero || delay > TimeSpan.FromSeconds(10) || jitter < TimeSpan.Zero || jitter > delay)
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), "Delay must be 0 to 10 s and jitter 0 to the delay; got " + delay + " ± " + jitter + ".");
        }

        return new Slow(new Impairment(delay, jitter, CheckProbability(loss), seed));
    }

    /// <summary>A token-bucket cap of <paramref name="bitsPerSecond"/> (8 kbit/s to 10 Gbit/s) in both directions through the NAT.</summary>
    public static Scenario BandwidthCap(long bitsPerSecond)
    {
        if (bitsPerSecond < 8_000 || bitsPerSecond > 10_000_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(bitsPerSecond), bitsPerSecond, "The cap must be 8 kbit/s to 10 Gbit/s.");
        }

        return new Capped(bitsPerSecond);
    }

    private static int CheckPort(int port) =>
        port is >= 1 and <= 65535 ? port : throw new ArgumentOutOfRangeException(nameof(port), port, "A port is 1 to 65535.");

    private static double CheckProbability(double probability) =>
        probability is >= 0 and <= 1 ? probability : throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability is 0 to 1.");

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";

    private static string Name(LabProtocol protocol) => protocol == LabProtocol.Udp ? "udp" : "tcp";

    /// <summary><see cref="Open"/>.</summary>
    public sealed record OpenNetwork : Scenario
    {
        /// <inheritdoc />
        public override string ToString() => "Open";
    }

    /// <summary><see cref="EndpointIndependentNat"/> and <see cref="SymmetricNat"/>.</summary>
    public sealed record Nat(bool Symmetric) : Scenario
    {
        /// <inheritdoc />
        public override string ToString() => Symmetric ? "SymmetricNat" : "EndpointIndependentNat";
    }

    /// <summary><see cref="UdpBlocked"/>.</summary>
    public sealed record OnlyTcp443 : Scenario
    {
        /// <inheritdoc />
        public override string ToString() => "UdpBlocked";
    }

    /// <summary><see cref="PortDropped"/>.</summary>
    public sealed record Dropped(LabProtocol Protocol, int Port) : Scenario
    {
        /// <inheritdoc />
        public override string ToString() => "PortDropped(" + Name(Protocol) + ", " + Port + ")";
    }

    /// <summary><see cref="PortRejected"/>.</summary>
    public sealed record Rejected(LabProtocol Protocol, int Port) : Scenario
    {
        /// <inheritdoc />
        public override string ToString() => "PortRejected(" + Name(Protocol) + ", " + Port + ")";
    }

    /// <summary><see cref="Loss"/>.</summary>
    public sealed record Lossy(Impairment Impairment) : Scenario
    {
        /// <inheritdoc />
        public override string ToString() => "Loss(" + Impairment.Loss.ToString("0.###", CultureInfo.InvariantCulture) + ")";
    }

    /// <summary><see cref="Impaired"/>.</summary>
    public sealed record Slow(Impairment Impairment) : Scenario
    {
        /// <inheritdoc />
        public override string ToString() =>
            "Impaired(" + Ms(Impairment.Delay) + ", " + Ms(Impairment.Jitter) + ", " + Impairment.Loss.ToString("0.###", CultureInfo.InvariantCulture) + ")";
    }

    /// <summary><see cref="BandwidthCap"/>.</summary>
    public sealed record Capped(long BitsPerSecond) : Scenario
    {
        /// <inheritdoc />
        public override string ToString() => "BandwidthCap(" + BitsPerSecond.ToString(CultureInfo.InvariantCulture) + " bit/s)";
    }
}
