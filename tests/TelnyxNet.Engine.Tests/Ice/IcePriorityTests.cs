using System.Net;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Ice;

/// <summary>RFC 8445 §5.1.2 priorities and §5.1.1.3 foundations against values computed by hand.</summary>
public sealed class IcePriorityTests
{
    [Fact]
    public void Uses_the_type_preferences_RFC_8445_recommends()
    {
        Assert.Equal(126, IcePriority.TypePreference(IceCandidateType.Host));
        Assert.Equal(110, IcePriority.TypePreference(IceCandidateType.Prflx));
        Assert.Equal(100, IcePriority.TypePreference(IceCandidateType.Srflx));
        Assert.Equal(0, IcePriority.TypePreference(IceCandidateType.Relay));
    }

    [Fact]
    public void Computes_the_priority_formula_by_hand()
    {
        // host, Physical, IPv4, first: local preference 65535 - 2048 = 63487;
        // 126 * 2^24 + 63487 * 2^8 + (256 - 1) = 2113929216 + 16252672 + 255.
        Assert.Equal(63487, IcePriority.LocalPreference(AdapterKind.Physical, false, null, 0));
        Assert.Equal(2130182143L, IcePriority.Compute(IceCandidateType.Host, 63487));

        // srflx, Vpn (rank 2), IPv4, n = 1: 65535 - 16384 - 2048 - 1 = 47102; 100 * 2^24 + 47102 * 256 + 255.
        Assert.Equal(47102, IcePriority.LocalPreference(AdapterKind.Vpn, false, null, 1));
        Assert.Equal(1689779967L, IcePriority.Compute(IceCandidateType.Srflx, 47102));

        // relay over TLS (rank 2), Unknown adapter (rank 1), IPv4, n = 0: 65535 - 8192 - 2048 - 1024 = 54271; 0 + 54271 * 256 + 255.
        Assert.Equal(54271, IcePriority.LocalPreference(AdapterKind.Unknown, false, TransportProtocol.Tls, 0));
        Assert.Equal(13893631L, IcePriority.Compute(IceCandidateType.Relay, 54271));

        // IPv6 before IPv4 (RFC 8421): Physical IPv6 first host has 65535.
        Assert.Equal(65535, IcePriority.LocalPreference(AdapterKind.Physical, true, null, 0));
        Assert.Equal((126L << 24) + (65535L << 8) + 255, IcePriority.Compute(IceCandidateType.Host, 65535));
    }

    [Fact]
    public void Local_preferences_are_unique_across_every_rank_and_ordinal()
    {
        var all = new List<int>();
        foreach (var kind in Enum.GetValues(typeof(AdapterKind)).Cast<AdapterKind>())
        {
            foreach (var ipv6 in new[] { true, false })
            {
                foreach (var relay in new TransportProtocol?[] { null, TransportProtocol.Tcp, TransportProtocol.Tls })
                {
                    for (var n = 0; n <= IcePriority.MaxOrdinal; n++)
                    {
                        all.Add(IcePriority.LocalPreference(kind, ipv6, relay, n));
                    }
                }
            }
        }

        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, p => Assert.InRange(p, 0, 65535));
    }

    [Fact]
    public void Every_priority_is_a_positive_32_bit_value_and_host_beats_srflx_beats_relay()
    {
        var host = IcePriority.Compute(IceCandidateType.Host, 0);
        var srflx = IcePriority.Compute(IceCandidateType.Srflx, 65535);
        var relay = IcePriority.Compute(IceCandidateType.Relay, 65535);
        Assert.True(host > srflx && srflx > relay && relay > 0);
        Assert.True(IcePriority.Compute(IceCandidateType.Host, 65535) <= int.MaxValue);
    }

    [Fact]
    public void Foundation_is_the_decimal_CRC32_of_type_base_server_and_protocols()
    {
        var baseAddress = IPAddress.Parse("192.168.1.10");
        var server = IPAddress.Parse("203.0.113.10");

        // zlib.crc32 of the keys, computed outside the engine.
        Assert.Equal("679910202", IceFoundation.Compute(IceCandidateType.Host, baseAddress, null, "udp", null));
        Assert.Equal("2103050666", IceFoundation.Compute(IceCandidateType.Srflx, baseAddress, server, "udp", null));
        Assert.Equal("335406814", IceFoundation.Compute(IceCandidateType.Relay, baseAddress, server, "udp", TransportProtocol.Tls));
    }

    [Fact]
    public void Foundations_are_shared_exactly_when_RFC_8445_says()
    {
        var b = IPAddress.Parse("192.168.1.10");
        var s1 = IPAddress.Parse("203.0.113.10");
        var s2 = IPAddress.Parse("203.0.113.11");
        Assert.Equal(IceFoundation.Compute(IceCandidateType.Srflx, b, s1, "udp", null), IceFoundation.Compute(IceCandidateType.Srflx, b, s1, "udp", null));
        Assert.NotEqual(IceFoundation.Compute(IceCandidateType.Srflx, b, s1, "udp", null), IceFoundation.Compute(IceCandidateType.Srflx, b, s2, "udp", null));
        Assert.NotEqual(IceFoundation.Compute(IceCandidateType.Srflx, b, s1, "udp", null), IceFoundation.Compute(IceCandidateType.Relay, b, s1, "udp", TransportProtocol.Udp));
        Assert.NotEqual(IceFoundation.Compute(IceCandidateType.Relay, b, s1, "udp", TransportProtocol.Udp), IceFoundation.Compute(IceCandidateType.Relay, b, s1, "udp", TransportProtocol.Tcp));
        Assert.NotEqual(IceFoundation.Compute(IceCandidateType.Host, b, null, "udp", null), IceFoundation.Compute(IceCandidateType.Host, IPAddress.Parse("10.0.0.2"), null, "udp", null));
    }
}
