using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Lab;

/// <summary>
/// Readiness checks for <see cref="NetworkLab.StartServerAsync"/>: each throws an
/// <see cref="IOException"/> (or a <see cref="SocketException"/>) until the server answers.
/// </summary>
public static class LabChecks
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);
    private static readonly RetransmissionPolicy OneShot = new(TimeSpan.FromMilliseconds(250), 2, 2);

    /// <summary>A STUN Binding over UDP (RFC 8489 §6.2.1) from <paramref name="from"/> to <paramref name="server"/> is answered with a mapped address.</summary>
    public static (string What, Func<Task> Check) StunBinding(NetworkNamespace from, IPEndPoint server) =>
        ("a UDP Binding from " + from + " to " + server, async () =>
        {
            using var client = new StunUdpClient(from.Run(() => ConnectedUdpSocket.Connect(server)), SystemClock.Instance);
            try
            {
                var request = new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode();
                var outcome = await client.ExecuteAsync(request, server, OneShot, Bound, CancellationToken.None).ConfigureAwait(false);
                _ = outcome.Response.MappedEndPoint ?? throw new InvalidDataException("The Binding answer from " + server + " carries no mapped address.");
            }
            catch (ProbeException ex)
            {
                throw new IOException(ex.Reason + ": " + ex.Message, ex);
            }
        });

    /// <summary>A TCP connection from <paramref name="from"/> to <paramref name="server"/> is accepted.</summary>
    public static (string What, Func<Task> Check) TcpAccepts(NetworkNamespace from, IPEndPoint server) =>
        ("a TCP connection from " + from + " to " + server, async () =>
        {
            using var socket = from.OpenSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var bound = new CancellationTokenSource(Bound);
            await socket.ConnectAsync(server, bound.Token).ConfigureAwait(false);
        });
}
