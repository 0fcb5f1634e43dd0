using System.Net;
using System.Net.Sockets;
using System.Text;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>Checks on the raw TURN answers of a server under test (RFC 8656).</summary>
internal static class TurnAssert
{
    /// <summary>
    /// Asserts an error response with <paramref name="code"/> and returns its reason phrase
    /// without the NUL bytes coturn 4.6.1 leaves at the end of most of them.
    /// </summary>
    public static string Error(StunMessage answer, int code)
    {
        Assert.True(answer.Class == StunClass.ErrorResponse, "Expected a " + code + " error response, got " + answer);
        Assert.Equal(code, answer.Error?.Code);
        return answer.Error!.Reason.TrimEnd('\0');
    }

    /// <summary>Asserts a 401 (RFC 8489 §9.2.4) with REALM <paramref name="realm"/> and a NONCE; returns the nonce.</summary>
    public static string Challenge(StunMessage answer, string realm)
    {
        Error(answer, 401);
        Assert.Equal(realm, answer.GetAttribute<StunTextAttribute>(StunAttributeType.Realm)?.Value);
        var nonce = answer.GetAttribute<StunTextAttribute>(StunAttributeType.Nonce)?.Value;
        Assert.False(string.IsNullOrEmpty(nonce), "The 401 has no NONCE: " + answer);
        return nonce!;
    }

    /// <summary>Asserts an Allocate success (RFC 8656 §7.3) and returns its XOR-RELAYED-ADDRESS.</summary>
    public static IPEndPoint Allocated(StunMessage answer)
    {
        Assert.True(answer.Method == StunMethod.Allocate && answer.Class == StunClass.SuccessResponse, "Expected an Allocate success, got " + answer);
        var relayed = answer.GetAttribute<StunXorAddressAttribute>(StunAttributeType.XorRelayedAddress);
        Assert.NotNull(relayed);
        return relayed.EndPoint;
    }

    /// <summary>
    /// Proves the relay works end to end (RFC 8656 §9-§11): CreatePermission for a UDP peer on
    /// 127.0.0.1, a Send indication that the peer receives from the relayed address, and the
    /// peer's reply arriving as a Data indication from the peer's address. Returns the peer's address.
    /// </summary>
    public static async Task<IPEndPoint> RelaysBothWaysAsync(RawTurnClient client, IPEndPoint relayed)
    {
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var peerEndPoint = (IPEndPoint)peer.LocalEndPoint!;
        var permission = await client.CreatePermissionAsync(peerEndPoint);
        Assert.True(permission.Class == StunClass.SuccessResponse, "CreatePermission failed: " + permission);

        var outbound = Encoding.ASCII.GetBytes("to the peer through the relay");
        await client.SendIndicationAsync(peerEndPoint, outbound);
        var buffer = new byte[2048];
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var received = await peer.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), wait.Token);
        Assert.Equal(outbound, buffer[..received.ReceivedBytes]);
        Assert.Equal(relayed, received.RemoteEndPoint);

        var inbound = Encoding.ASCII.GetBytes("back from the peer");
        await peer.SendToAsync(inbound, SocketFlags.None, relayed);
        var data = await client.ReceiveIndicationAsync();
        Assert.Equal(StunMethod.Data, data.Method);
        Assert.Equal(peerEndPoint, data.GetAttribute<StunXorAddressAttribute>(StunAttributeType.XorPeerAddress)?.EndPoint);
        Assert.Equal(inbound, data.GetAttribute<StunBytesAttribute>(StunAttributeType.Data)?.GetValue());
        return peerEndPoint;
    }
}
