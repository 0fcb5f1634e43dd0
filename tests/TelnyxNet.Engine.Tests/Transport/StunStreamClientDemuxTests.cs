using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Transport;

/// <summary>
/// The TCP client's background reader (RFC 8489 §6.2.2, RFC 8656 §12.5): a response, indications
/// and padded ChannelData frames arriving back to back on one stream each go where they belong.
/// </summary>
public sealed class StunStreamClientDemuxTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Hands_indications_and_padded_ChannelData_to_their_handlers_and_completes_the_transaction()
    {
        using var listener = Listen();
        var indications = new ConcurrentQueue<StunMessage>();
        var frames = new ConcurrentQueue<byte[]>();
        var server = ServeOnceAsync(listener, request => Concat(
            new StunMessageBuilder(StunMethod.Data, StunClass.Indication).Add(new StunBytesAttribute(StunAttributeType.Data, new byte[] { 1, 2, 3 })).Encode(),
            new ChannelDataMessage(0x4000, new byte[] { 9, 8, 7, 6, 5 }).Encode(padToFour: true),
            new ChannelDataMessage(0x4001, Array.Empty<byte>()).Encode(padToFour: true),
            new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, request.TransactionId).Encode()));
        using var client = await StunStreamClient.ConnectAsync((IPEndPoint)listener.LocalEndPoint!, TransportProtocol.Tcp, "127.0.0.1", null, Limit, SystemClock.Instance, null, CancellationToken.None);
        client.IndicationHandler = indications.Enqueue;
        client.ChannelDataHandler = frames.Enqueue;

        var outcome = await client.ExecuteAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode(), Limit, CancellationToken.None);
        await server;

        Assert.Equal(StunClass.SuccessResponse, outcome.Response.Class);
        Assert.Equal(StunMethod.Data, Assert.Single(indications).Method);
        Assert.Equal(2, frames.Count);
        Assert.True(frames.TryDequeue(out var first));
        Assert.True(ChannelDataMessage.TryDecode(first, 0, first!.Length, out var data));
        Assert.Equal(new byte[] { 9, 8, 7, 6, 5 }, data!.GetData());
        Assert.Equal(0, client.UnknownTransactionCount);
    }

    [Fact]
    public async Task Treats_ChannelData_framing_as_a_protocol_error_when_nothing_expects_it()
    {
        using var listener = Listen();
        var server = ServeOnceAsync(listener, _ => new ChannelDataMessage(0x4000, new byte[] { 1 }).Encode(padToFour: true));
        using var client = await StunStreamClient.ConnectAsync((IPEndPoint)listener.LocalEndPoint!, TransportProtocol.Tcp, "127.0.0.1", null, Limit, SystemClock.Instance, null, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<ProbeException>(() => client.ExecuteAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode(), Limit, CancellationToken.None));
        await server;

        Assert.Equal(FailureReason.ProtocolError, failure.Reason);
        Assert.Contains("not STUN framing", failure.Message, StringComparison.Ordinal);
    }

    private static Socket Listen()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        return listener;
    }

    /// <summary>Accepts one connection, reads one request, writes what <paramref name="answer"/> makes of it in one write, then closes.</summary>
    private static async Task ServeOnceAsync(Socket listener, Func<StunMessage, byte[]> answer)
    {
        using var wait = new CancellationTokenSource(Limit);
        using var connection = await listener.AcceptAsync(wait.Token);
        var header = new byte[StunMessage.HeaderLength];
        await ReadAsync(connection, header, wait.Token);
        var request = new byte[StunMessage.HeaderLength + ((header[2] << 8) | header[3])];
        header.CopyTo(request, 0);
        await ReadAsync(connection, request.AsMemory(StunMessage.HeaderLength), wait.Token);
        Assert.True(StunDecoder.TryDecode(request, out var message, out var error), error?.ToString());
        await connection.SendAsync(answer(message!), SocketFlags.None, wait.Token);
    }

    private static async Task ReadAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (buffer.Length > 0)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            Assert.True(read > 0, "the client closed the connection early");
            buffer = buffer[read..];
        }
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
