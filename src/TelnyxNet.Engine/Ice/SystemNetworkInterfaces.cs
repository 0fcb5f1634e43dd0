using System.Net;
using System.Net.NetworkInformation;

namespace TelnyxNet.Engine.Ice;

/// <summary>
/// The interfaces of this machine from <see cref="NetworkInterface.GetAllNetworkInterfaces"/>. On
/// Linux the list is that of the calling thread's network namespace. An interface counts as up
/// when the system says Up, or Unknown with addresses (Linux bridges, dummies and loopback).
/// IPv6 scope ids are dropped from the addresses (the interface name says where they are).
/// </summary>
public sealed class SystemNetworkInterfaces : INetworkInterfaceProvider
{
    private SystemNetworkInterfaces()
    {
    }

    /// <summary>The one instance.</summary>
    public static SystemNetworkInterfaces Instance { get; } = new();

    /// <inheritdoc />
    public IReadOnlyList<LocalInterface> GetInterfaces() =>
        NetworkInterface.GetAllNetworkInterfaces().Select(Describe).ToList();

    private static LocalInterface Describe(NetworkInterface adapter)
    {
        var addresses = Addresses(adapter);
        var up = adapter.OperationalStatus == OperationalStatus.Up || (adapter.OperationalStatus == OperationalStatus.Unknown && addresses.Count > 0);
        return new LocalInterface(adapter.Name, adapter.Description, adapter.NetworkInterfaceType.ToString(), up, addresses);
    }

    private static IReadOnlyList<IPAddress> Addresses(NetworkInterface adapter)
    {
        try
        {
            return adapter.GetIPProperties().UnicastAddresses.Select(u => new IPAddress(u.Address.GetAddressBytes())).ToList();
        }
        catch (NetworkInformationException)
        {
            return Array.Empty<IPAddress>();
        }
    }
}
