using System.Net;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Answers to a STUN request (RFC 8489), valid and hostile, for the hostile servers: each takes the
/// request's bytes and returns the answer's. The hostile ones carry the request's transaction id
/// where that makes them harder to reject (a client must look at more than the id).
/// </summary>
internal static class StunAnswers
{
    /// <summary>The mapped address the valid answers report.</summary>
    public static readonly IPEndPoint Mapped = new(IPAddress.Parse("203.0.113.7"), 40000);

    /// <summary>The request's transaction id.</summary>
    public static TransactionId IdOf(byte[] request) => TransactionId.FromBytes(request, 8);

    /// <summary>A Binding success with XOR-MAPPED-ADDRESS and FINGERPRINT.</summary>
    public static byte[] Success(byte[] request) =>
        new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, IdOf(request))
            .Add(new StunXorAddressAttribute(StunAttributeType.XorMappedAddress, Mapped))
            .AddFingerprint()
            .Encode();

    /// <summary>A valid Binding success for another transaction.</summary>
    public static byte[] WrongId(byte[] request) =>
        new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, TransactionId.NewRandom())
            .Add(new StunXorAddressAttribute(StunAttributeType.XorMappedAddress, Mapped))
            .Encode();

    /// <summary>Bytes that are no STUN at all.</summary>
    public static byte[] Garbage(byte[] request) => System.Text.Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");

    /// <summary>A Binding success with the request's id whose XOR-MAPPED-ADDRESS claims 16 bytes and carries none.</summary>
    public static byte[] Truncated(byte[] request)
    {
        var answer = Header(request, 0x0101, 4);
        answer[StunMessage.HeaderLength + 1] = 0x20;
        answer[StunMessage.HeaderLength + 3] = 16;
        return answer;
    }

    /// <summary>The largest body a STUN length field allows that is a multiple of 4.</summary>
    public const int MaxStreamBody = 65532;

    /// <summary>The largest body that fits one UDP datagram over IPv4 (65507 bytes) as a multiple of 4.</summary>
    public const int MaxDatagramBody = 65484;

    /// <summary>
    /// A frame of <paramref name="body"/> bytes (a multiple of 4) with the request's id and a body
    /// of junk: it frames, it does not decode.
    /// </summary>
    public static Func<byte[], byte[]> Oversize(int body) => request =>
    {
        var answer = Header(request, 0x0101, body);
        answer.AsSpan(StunMessage.HeaderLength).Fill(0xFF);
        return answer;
    };

    /// <summary>A header with the request's id announcing a 5-byte body, and 5 bytes: a length that is not a multiple of 4 (RFC 8489 §5).</summary>
    public static byte[] LengthNotMultipleOf4(byte[] request) => Header(request, 0x0101, 5);

    /// <summary>The request sent back: a Binding request is no answer.</summary>
    public static byte[] Echo(byte[] request) => request;

    /// <summary>A Binding error response with only ERROR-CODE.</summary>
    public static Func<byte[], byte[]> Error(int code, string reason) => request =>
        new StunMessageBuilder(StunMethod.Binding, StunClass.ErrorResponse, IdOf(request))
            .Add(new StunErrorCodeAttribute(code, reason))
            .Encode();

    private static byte[] Header(byte[] request, ushort type, int length)
    {
        var answer = new byte[StunMessage.HeaderLength + length];
        Buffer.BlockCopy(request, 0, answer, 0, StunMessage.HeaderLength);
        answer[0] = (byte)(type >> 8);
        answer[1] = (byte)type;
        answer[2] = (byte)(length >> 8);
        answer[3] = (byte)length;
        return answer;
    }
}
