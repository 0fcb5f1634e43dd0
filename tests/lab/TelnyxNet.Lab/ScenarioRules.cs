using System.Globalization;

namespace TelnyxNet.Lab;

/// <summary>How the NAT namespace translates client traffic in a scenario.</summary>
internal enum NatMode
{
    /// <summary>MASQUERADE: endpoint-independent mapping (Linux keeps the source port when it is free).</summary>
    Masquerade,

    /// <summary>MASQUERADE --random-fully: a random public port for every new flow.</summary>
    MasqueradeRandomFully,

    /// <summary>No translation; the server namespace gets a route back to 10.0.0.0/24.</summary>
    None,
}

/// <summary>
/// How a scenario is built in the NAT namespace, on top of the plain lab (<c>netlab.sh reset</c>):
/// the NAT mode, FORWARD rules of its filter table (iptables arguments after <c>-A FORWARD</c>),
/// the impairment relay, and a tbf rate in bit/s on both of its interfaces.
/// </summary>
internal sealed record ScenarioPlan(NatMode Nat, IReadOnlyList<string[]> Forward, Impairment? Relay, long? RateBitsPerSecond);

/// <summary>The rules behind each <see cref="Scenario"/>, each verified by hand in shared/lab/README.md.</summary>
internal static class ScenarioRules
{
    private static readonly IReadOnlyList<string[]> None = Array.Empty<string[]>();

    public static ScenarioPlan For(Scenario scenario) => scenario switch
    {
        Scenario.OpenNetwork => new ScenarioPlan(NatMode.None, None, null, null),
        Scenario.Nat nat => new ScenarioPlan(nat.Symmetric ? NatMode.MasqueradeRandomFully : NatMode.Masquerade, None, null, null),
        Scenario.OnlyTcp443 => new ScenarioPlan(NatMode.Masquerade, new[]
        {
            new[] { "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT" },
            new[] { "-i", "v-nat-in", "-p", "tcp", "--dport", NetworkLab.WebPort.ToString(CultureInfo.InvariantCulture), "-j", "ACCEPT" },
            new[] { "-j", "DROP" },
        }, null, null),
        Scenario.Dropped dropped => new ScenarioPlan(NatMode.Masquerade, new[] { Match(dropped.Protocol, dropped.Port).Concat(new[] { "-j", "DROP" }).ToArray() }, null, null),
        Scenario.Rejected rejected => new ScenarioPlan(NatMode.Masquerade, new[]
        {
            Match(rejected.Protocol, rejected.Port).Concat(new[] { "-j", "REJECT", "--reject-with", rejected.Protocol == LabProtocol.Udp ? "icmp-port-unreachable" : "tcp-reset" }).ToArray(),
        }, null, null),
        Scenario.Lossy lossy => new ScenarioPlan(NatMode.Masquerade, None, lossy.Impairment, null),
        Scenario.Slow slow => new ScenarioPlan(NatMode.Masquerade, None, slow.Impairment, null),
        Scenario.AddressFiltering => new ScenarioPlan(NatMode.None, AddressDependentFiltering, null, null),
        Scenario.Capped capped => new ScenarioPlan(NatMode.Masquerade, None, null, capped.BitsPerSecond),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Not a lab scenario."),
    };

    /// <summary>tc arguments for a token bucket of <paramref name="bitsPerSecond"/> on <paramref name="device"/>: a bucket of 10 ms of traffic (at least 4 KiB) and at most 400 ms queued, as shared/lab/README.md verified.</summary>
    public static string[] TokenBucket(string device, long bitsPerSecond)
    {
        var burst = Math.Max(4096, bitsPerSecond / 8 / 100);
        return new[]
        {
            "qdisc", "add", "dev", device, "root", "tbf",
            "rate", bitsPerSecond.ToString(CultureInfo.InvariantCulture) + "bit",
            "burst", burst.ToString(CultureInfo.InvariantCulture),
            "latency", "400ms",
        };
    }

    /// <summary>RFC 4787 §5 address-dependent filtering (see <see cref="Scenario.AddressDependentFirewall"/>).</summary>
    private static readonly IReadOnlyList<string[]> AddressDependentFiltering = new[]
    {
        new[] { "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT" },
        new[] { "-i", "v-nat-in", "-m", "recent", "--name", "telnyxnet-sent-to", "--rdest", "--set", "-j", "ACCEPT" },
        new[] { "-i", "v-nat-pub", "-m", "recent", "--name", "telnyxnet-sent-to", "--rsource", "--rcheck", "-j", "ACCEPT" },
        new[] { "-j", "DROP" },
    };

    private static string[] Match(LabProtocol protocol, int port) =>
        new[] { "-i", "v-nat-in", "-p", protocol == LabProtocol.Udp ? "udp" : "tcp", "--dport", port.ToString(CultureInfo.InvariantCulture) };
}
