using System.Net;
using TelnyxNet.Engine.Ice;

namespace TelnyxNet.Engine.Tests.Ice;

/// <summary>The adapter table against adapters as Windows, macOS and Linux list them.</summary>
public sealed class AdapterClassificationTests
{
    public static TheoryData<string, string, string, string, string> Adapters => new()
    {
        { "Ethernet", "Intel(R) Ethernet Connection (7) I219-LM", "Ethernet", "Physical", "ostype" },
        { "Wi-Fi", "Intel(R) Wi-Fi 6 AX201 160MHz", "Wireless80211", "Physical", "ostype" },
        { "Cellular", "Qualcomm Snapdragon X55 5G", "Wwanpp", "Physical", "ostype" },
        { "vEthernet (WSL)", "Hyper-V Virtual Ethernet Adapter", "Ethernet", "VirtualSwitch", "name" },
        { "vEthernet (Default Switch)", "Hyper-V Virtual Ethernet Adapter #2", "Ethernet", "VirtualSwitch", "name" },
        { "Ethernet 3", "TAP-Windows Adapter V9", "Ethernet", "Vpn", "description" },
        { "OpenVPN Wintun", "Wintun Userspace Tunnel", "Unknown", "Vpn", "description" },
        { "Ethernet 4", "PANGP Virtual Ethernet Adapter", "Ethernet", "Vpn", "description" },
        { "Ethernet 5", "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64", "Ethernet", "Vpn", "description" },
        { "Ethernet 6", "Fortinet SSL VPN Virtual Ethernet Adapter", "Ethernet", "Vpn", "description" },
        { "wg-office", "WireGuard Tunnel", "Unknown", "Vpn", "description" },
        { "Tailscale", "Tailscale Tunnel", "Unknown", "Vpn", "description" },
        { "VirtualBox Host-Only Network", "VirtualBox Host-Only Ethernet Adapter", "Ethernet", "VirtualSwitch", "description" },
        { "VMware Network Adapter VMnet8", "VMware Virtual Ethernet Adapter for VMnet8", "Ethernet", "VirtualSwitch", "description" },
        { "Loopback Pseudo-Interface 1", "Software Loopback Interface 1", "Loopback", "Loopback", "ostype" },
        { "en0", "en0", "Ethernet", "Physical", "ostype" },
        { "utun3", "utun3", "Unknown", "Vpn", "name" },
        { "ipsec0", "ipsec0", "Unknown", "Vpn", "name" },
        { "bridge100", "bridge100", "Ethernet", "VirtualSwitch", "name" },
        { "lo0", "lo0", "Loopback", "Loopback", "ostype" },
        { "eth0", "eth0", "Ethernet", "Physical", "ostype" },
        { "wlan0", "wlan0", "Unknown", "Physical", "name" },
        { "wg0", "wg0", "Ethernet", "Vpn", "name" },
        { "tun0", "tun0", "Unknown", "Vpn", "name" },
        { "ppp0", "ppp0", "Ppp", "Vpn", "name" },
        { "tailscale0", "tailscale0", "Unknown", "Vpn", "description" },
        { "docker0", "docker0", "Ethernet", "ContainerBridge", "name" },
        { "br-3f1c2a9b7d4e", "br-3f1c2a9b7d4e", "Ethernet", "ContainerBridge", "name" },
        { "veth1a2b3c4", "veth1a2b3c4", "Ethernet", "ContainerBridge", "name" },
        { "cni0", "cni0", "Ethernet", "ContainerBridge", "name" },
        { "virbr0", "virbr0", "Ethernet", "VirtualSwitch", "name" },
        { "vmnet8", "vmnet8", "Ethernet", "VirtualSwitch", "name" },
        { "sit0", "sit0", "Unknown", "Unknown", "" },
        { "Teredo Tunneling Pseudo-Interface", "Teredo Tunneling Pseudo-Interface", "Tunnel", "Unknown", "description" },
    };

    [Theory]
    [MemberData(nameof(Adapters))]
    public void Classifies_the_adapter_by_the_first_matching_rule(string name, string description, string osType, string kind, string field)
    {
        var (actual, rule) = AdapterClassification.Classify(new LocalInterface(name, description, osType, true, Array.Empty<IPAddress>()));

        Assert.Equal(kind, actual.ToString());
        if (field.Length == 0)
        {
            Assert.Null(rule);
        }
        else
        {
            Assert.NotNull(rule);
            Assert.StartsWith(field + " ~ ", rule!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Names_and_descriptions_win_over_the_OS_type_that_VPNs_and_switches_report_as_Ethernet()
    {
        var rules = AdapterClassification.Rules.ToList();
        var firstOsTypePhysical = rules.FindIndex(r => r.Kind == AdapterKind.Physical);
        Assert.True(rules.Take(firstOsTypePhysical).Count(r => r.Kind is AdapterKind.Vpn or AdapterKind.ContainerBridge or AdapterKind.VirtualSwitch) >= 10);
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Why)));
    }
}
