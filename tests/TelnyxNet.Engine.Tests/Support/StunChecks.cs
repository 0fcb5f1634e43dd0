using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// One Binding exchange on a socket the caller opened (on loopback, or inside a lab namespace), to
/// tell when a server under test is ready. Throws on anything but a Binding success with a mapped
/// address (RFC 8489 §7.3.3).
/// </summary>
internal static class StunChecks
{
    /// <summary>Connects the UDP <paramref name="socket"/> to <paramref name="server"/>, sends a Binding request and returns the success response (250 ms bound).</summary>
    public static async Task<StunMessage> UdpBindingAsync(Socket socket, IPEndPoint server)
    {
        socket.Connect(server);
        var request = new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Build();
        await socket.SendAsync(request.ToArray(), SocketFlags.None).ConfigureAwait(false);
        var buffer = new byte[2048];
        using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(250));
        var count = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token).ConfigureAwait(false);
        return CheckBindingSuccess(request, buffer, count);
    }

    /// <summary>Connects the TCP <paramref name="socket"/> to <paramref name="server"/>, sends a Binding request and returns the framed success response (500 ms bound).</summary>
    public static async Task<StunMessage> TcpBindingAsync(Socket socket, IPEndPoint server)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await socket.ConnectAsync(server, wait.Token).ConfigureAwait(false);
        var request = new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Build();
        await socket.SendAsync(request.ToArray(), SocketFlags.None, wait.Token).ConfigureAwait(false);
        var buffer = new byte[2048];
        var count = 0;
        while (count < StunMessage.HeaderLength || count < StunMessage.HeaderLength + ((buffer[2] << 8) | buffer[3]))
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(count), SocketFlags.None, wait.Token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The server closed the TCP connection before a complete response.");
            }

            count += read;
        }

        return CheckBindingSuccess(request, buffer, count);
    }

    private static StunMessage CheckBindingSuccess(StunMessage request, byte[] buffer, int count)
    {
        if (!StunDecoder.TryDecode(buffer, 0, count, out var response, out var error))
        {
            throw new InvalidDataException("The answer does not decode: " + error);
        }

        if (response!.TransactionId != request.TransactionId || response.Class != StunClass.SuccessResponse || response.MappedEndPoint is null)
        {
            throw new InvalidDataException("The server answered " + response.Method + " " + response.Class + " without a mapped address.");
        }

        return response;
    }
}
