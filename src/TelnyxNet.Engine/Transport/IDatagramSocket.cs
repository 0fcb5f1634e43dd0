using System.Net;

namespace TelnyxNet.Engine.Transport;

/// <summary>A datagram socket as the STUN client needs it; tests substitute a scripted one.</summary>
public interface IDatagramSocket : IDisposable
{
    /// <summary>The local address and port, once bound.</summary>
    EndPoint? LocalEndPoint { get; }

    /// <summary>Sends one datagram.</summary>
    Task SendAsync(byte[] datagram, EndPoint remote, CancellationToken cancellationToken);

    /// <summary>
    /// Receives one datagram; throws <see cref="System.Net.Sockets.SocketException"/> on socket errors.
    /// The datagram's buffer may be reused by the next receive: copy what must outlive it.
    /// One receive at a time.
    /// </summary>
    Task<ReceivedDatagram> ReceiveAsync(CancellationToken cancellationToken);
}

/// <summary>One received datagram.</summary>
public readonly struct ReceivedDatagram
{
    /// <summary>Creates a datagram.</summary>
    public ReceivedDatagram(byte[] buffer, int count, EndPoint source)
    {
        Buffer = buffer;
        Count = count;
        Source = source;
    }

    /// <summary>The buffer holding the bytes; valid until the socket's next receive.</summary>
    public byte[] Buffer { get; }

    /// <summary>How many bytes of <see cref="Buffer"/> were received.</summary>
    public int Count { get; }

    /// <summary>Where it came from.</summary>
    public EndPoint Source { get; }
}
