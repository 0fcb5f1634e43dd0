namespace TelnyxNet.Engine.Ice;

/// <summary>
/// The adapter kinds of interfaces, as one ordered table of name, description and OS-type
/// patterns (first match wins; no match is <see cref="AdapterKind.Unknown"/>). Names and
/// descriptions come first, because VPN clients, container runtimes and hypervisors make adapters
/// the system reports as plain Ethernet; the OS type decides only when no name or description says more.
/// </summary>
internal static class AdapterClassification
{
    /// <summary>The table, in the order it is read.</summary>
    public static IReadOnlyList<AdapterRule> Rules { get; } = new[]
    {
        new AdapterRule(AdapterKind.Loopback, AdapterField.OsType, "^Loopback$", "the system reports a loopback interface"),
        new AdapterRule(AdapterKind.Loopback, AdapterField.Name, @"^lo\d*$", "loopback"),

        new AdapterRule(AdapterKind.Unknown, AdapterField.Description, "Teredo|ISATAP|6to4|IP-HTTPS", "an IPv6 transition tunnel of the system, not a VPN"),

        new AdapterRule(AdapterKind.Vpn, AdapterField.Description, @"TAP-Win(dows|32)|\bTAP\b.*OpenVPN|OpenVPN", "OpenVPN's TAP-Windows or data-channel adapter"),
        new AdapterRule(AdapterKind.Vpn, AdapterField.Description, "Wintun", "Wintun, the tunnel of WireGuard and OpenVPN on Windows"),
        new AdapterRule(AdapterKind.Vpn, AdapterField.Description, "WireGuard|NordLynx", "WireGuard"),
        new AdapterRule(AdapterKind.Vpn, AdapterField.Description, "Tailscale|ZeroTier", "a mesh VPN"),
        new AdapterRule(AdapterKind.Vpn, AdapterField.Description, "PANGP|GlobalProtect", "Palo Alto GlobalProtect"),
        new AdapterRule(AdapterKind.Vpn, AdapterField.Description, "AnyConnect|Cisco Secure Client", "Cisco AnyConnect"),
        new AdapterRule(AdapterKind.Vpn, AdapterField.Description, "Forti(Client|net)", "FortiClient"),
        new AdapterRule(AdapterKind.Vpn, AdapterField.Description, "Juniper|Pulse Secure|Ivanti|SonicWall|Check Point|Zscaler|WatchGuard|Array Networks", "an enterprise VPN client"),
        new AdapterRule(AdapterKind.Vpn, AdapterField.Description, @"WAN Miniport \((IKEv2|L2TP|PPTP|SSTP|PPPOE)\)", "a Windows built-in VPN (RAS)"),

        new AdapterRule(AdapterKind.VirtualSwitch, AdapterField.Name, @"^vEthernet \(", "a Hyper-V virtual switch (WSL and Docker Desktop included)"),
        new AdapterRule(AdapterKind.VirtualSwitch, AdapterField.Description, "Hyper-V Virtual Ethernet", "a Hyper-V virtual switch"),
        new AdapterRule(AdapterKind.VirtualSwitch, AdapterField.Description, "VirtualBox|VMware Virtual Ethernet|Parallels", "a desktop hypervisor's host adapter"),

        new AdapterRule(AdapterKind.ContainerBridge, AdapterField.Name, @"^docker\d+$", "Docker's default bridge"),
        new AdapterRule(AdapterKind.ContainerBridge, AdapterField.Name, "^br-[0-9a-f]{6,}$", "a Docker user-defined network"),
        new AdapterRule(AdapterKind.ContainerBridge, AdapterField.Name, "^(veth|cni|cbr|podman|flannel|cali|kube-bridge|weave|vxlan.calico)", "a container network interface"),

        new AdapterRule(AdapterKind.Vpn, AdapterField.Name, @"^(tun|tap|utun|ipsec|ppp|wg|gpd|cscotun|zt|nordlynx|tailscale|wt)\d*$", "a VPN tunnel interface name"),

        new AdapterRule(AdapterKind.VirtualSwitch, AdapterField.Name, @"^(vmnet|vboxnet|virbr|vnic|bridge)\d+$", "a hypervisor's virtual network"),

        new AdapterRule(AdapterKind.Vpn, AdapterField.OsType, "^(Ppp|Tunnel)$", "the system reports a PPP or tunnel interface"),
        new AdapterRule(AdapterKind.Physical, AdapterField.OsType, "Ethernet|Wireless80211|Wwanpp|Wman|Fddi|TokenRing|Isdn|Atm", "the system reports a physical adapter type"),
        new AdapterRule(AdapterKind.Physical, AdapterField.Name, "^(eth|en|wl|wlan|ww|wwan)[0-9a-z]*$", "an Ethernet, Wi-Fi or cellular interface name"),
    };

    /// <summary>The kind of <paramref name="adapter"/> and the rule that said so (null when no rule matched).</summary>
    public static (AdapterKind Kind, AdapterRule? Rule) Classify(LocalInterface adapter)
    {
        if (adapter is null)
        {
            throw new ArgumentNullException(nameof(adapter));
        }

        foreach (var rule in Rules)
        {
            if (rule.Matches(adapter))
            {
                return (rule.Kind, rule);
            }
        }

        return (AdapterKind.Unknown, null);
    }
}
