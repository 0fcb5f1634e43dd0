using System.Net;

namespace TelnyxNet.Engine.Ice;

/// <summary>
/// One network interface as the operating system lists it: what <see cref="INetworkInterfaceProvider"/>
/// returns and <see cref="AdapterClassification"/> reads. Tests build Windows- and macOS-like ones.
/// </summary>
public sealed class LocalInterface
{
    /// <summary>Creates an interface description.</summary>
    /// <param name="name">The interface name (eth0, en0, utun3, "vEthernet (WSL)" …).</param>
    /// <param name="description">The adapter description (Windows: "TAP-Windows Adapter V9"; elsewhere usually the name).</param>
    /// <param name="osType">The operating system's interface type, a <see cref="System.Net.NetworkInformation.NetworkInterfaceType"/> name (Ethernet, Wireless80211, Ppp, Tunnel, Loopback …).</param>
    /// <param name="isUp">True when the interface is up (or reports an unknown state with addresses, as Linux dummies and bridges do).</param>
    /// <param name="addresses">Its unicast addresses, in the order the system lists them.</param>
    public LocalInterface(string name, string description, string osType, bool isUp, IEnumerable<IPAddress> addresses)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Description = description ?? string.Empty;
        OsType = osType ?? string.Empty;
        IsUp = isUp;
        Addresses = (addresses ?? throw new ArgumentNullException(nameof(addresses))).ToList();
    }

    /// <summary>The interface name.</summary>
    public string Name { get; }

    /// <summary>The adapter description.</summary>
    public string Description { get; }

    /// <summary>The operating system's interface type name.</summary>
    public string OsType { get; }

    /// <summary>True when the interface is up.</summary>
    public bool IsUp { get; }

    /// <summary>Its unicast addresses.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <inheritdoc />
    public override string ToString() => Name + (Description.Length > 0 && Description != Name ? " (" + Description + ")" : string.Empty);
}
