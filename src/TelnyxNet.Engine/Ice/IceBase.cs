using System.Net;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Ice;

/// <summary>
/// A host candidate's base (RFC 8445 §5.1.1.1): one address of one interface, its UDP socket
/// (shared by the host candidate and the srflx candidates found from it, as browsers share it),
/// and what the priorities need to know about it.
/// </summary>
internal sealed class IceBase : IDisposable
{
    public IceBase(LocalInterface adapter, AdapterKind kind, AdapterRule? rule, IPAddress address, int ordinal, StunUdpClient client)
    {
        Interface = adapter;
        Kind = kind;
        Rule = rule;
        Address = address;
        Ordinal = ordinal;
        Client = client;
        EndPoint = client.LocalEndPoint is IPEndPoint bound ? new IPEndPoint(address, bound.Port) : new IPEndPoint(address, 0);
    }

    public LocalInterface Interface { get; }

    public AdapterKind Kind { get; }

    public AdapterRule? Rule { get; }

    public IPAddress Address { get; }

    /// <summary>Its place among the bases of the same adapter kind and family (the n of <see cref="IcePriority"/>).</summary>
    public int Ordinal { get; }

    public StunUdpClient Client { get; }

    /// <summary>The bound address and port: the host candidate.</summary>
    public IPEndPoint EndPoint { get; }

    public bool IsIPv6 => AddressClassification.IsIPv6(Address);

    public void Dispose() => Client.Dispose();

    public override string ToString() => Interface.Name + " " + EndPoint;
}
