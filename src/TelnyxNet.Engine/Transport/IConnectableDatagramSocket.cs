using System.Net;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// A datagram socket that talks to anyone at first and can then be connected to one remote on the
/// same local port, so that a NAT on the way keeps the mapping it made for the socket: how one socket
/// first asks a STUN server what it looks like from outside and then talks to a SIP proxy with the
/// refused/unreachable reporting a connected socket has.
/// </summary>
public interface IConnectableDatagramSocket : IDatagramSocket
{
    /// <summary>
    /// Connects the socket to <paramref name="remote"/>: from then on only its datagrams arrive, and
    /// ICMP errors about it surface as socket errors of the next receive. Throws <see cref="System.Net.Sockets.SocketException"/>.
    /// </summary>
    void Connect(IPEndPoint remote);
}
