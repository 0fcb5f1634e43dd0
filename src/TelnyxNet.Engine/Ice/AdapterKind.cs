namespace TelnyxNet.Engine.Ice;

/// <summary>What kind of network adapter an interface is, as far as calls care (see <see cref="AdapterClassification"/>).</summary>
internal enum AdapterKind
{
    /// <summary>No rule matched.</summary>
    Unknown,

    /// <summary>An Ethernet, Wi-Fi or cellular adapter as the operating system reports it.</summary>
    Physical,

    /// <summary>A VPN tunnel: tun/tap/utun/ipsec/ppp/wg, WireGuard, Tailscale, TAP-Windows, Wintun, GlobalProtect, AnyConnect, FortiClient …</summary>
    Vpn,

    /// <summary>A container network bridge: docker0, br-*, veth*, cni* …</summary>
    ContainerBridge,

    /// <summary>A hypervisor's virtual switch: Hyper-V vEthernet (WSL included), VirtualBox, VMware, libvirt.</summary>
    VirtualSwitch,

    /// <summary>The loopback interface.</summary>
    Loopback,
}
