using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// Opens a TURN client's control connection (RFC 8656 §3.1) through a probe's socket seams: UDP
/// on its own socket, TCP or TLS on a connected stream. With a local base address (ICE gathering
/// from one interface), the socket is bound to it first, as a browser binds its TURN socket
/// (unless the stream-socket seam returned one already bound).
/// </summary>
internal static class TurnConnector
{
    /// <summary>A TURN client for <paramref name="remote"/> over <paramref name="transport"/>; throws <see cref="Diagnosis.ProbeException"/> or <see cref="OperationCanceledException"/>.</summary>
    public static async Task<TurnClient> ConnectAsync(TransportProtocol transport, IPEndPoint remote, string tlsHost, TurnCredential credential, ProbeOptions options, IPAddress? localBase, TimeSpan deadline, IEngineLog log, CancellationToken cancellationToken)
    {
        ITurnTransport connection;
        if (transport == TransportProtocol.Udp)
        {
            IDatagramSocket socket;
            try
            {
                socket = localBase is null ? options.OpenDatagramSocket(remote) : options.OpenBoundDatagramSocket(new IPEndPoint(localBase, 0));
            }
            catch (SocketException ex)
            {
                throw SocketErrors.Classify(ex, "UDP to " + remote);
            }

            connection = new UdpTurnTransport(new StunUdpClient(socket, options.Clock, log), remote, options.Retransmission);
        }
        else
        {
            var socket = options.OpenStreamSocket(remote.AddressFamily);
            if (localBase != null && !socket.IsBound)
            {
                try
                {
                    socket.Bind(new IPEndPoint(localBase, 0));
                }
                catch (SocketException ex)
                {
                    socket.Dispose();
                    throw SocketErrors.Classify(ex, "TCP from " + localBase + " to " + remote);
                }
            }

            var stream = await StunStreamClient.ConnectAsync(socket, remote, transport, tlsHost, options.CertificateValidation, ProbeFanOut.Remaining(options, deadline), options.Clock, log, cancellationToken).ConfigureAwait(false);
            connection = new StreamTurnTransport(stream, remote, transport);
        }

        return new TurnClient(connection, credential, options.Clock, log);
    }
}
