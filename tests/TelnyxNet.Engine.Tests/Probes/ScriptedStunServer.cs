using System.Net;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Probes;

/// <summary>Auto-responders for <see cref="Support.ScriptedDatagramSocket"/> that answer Binding requests like a STUN server would.</summary>
internal static class ScriptedStunServer
{
    /// <summary>A Binding success with XOR-MAPPED-ADDRESS <paramref name="mapped"/>.</summary>
    public static Func<byte[], byte[]?> Success(IPEndPoint mapped) =>
        Answer(id => new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, id)
            .Add(new StunXorAddressAttribute(StunAttributeType.XorMappedAddress, mapped))
            .Add(new StunTextAttribute(StunAttributeType.Software, "scripted"))
            .AddFingerprint());

    /// <summary>A Binding error response with ERROR-CODE and, when given, UNKNOWN-ATTRIBUTES (RFC 8489 §14.8, §14.9).</summary>
    public static Func<byte[], byte[]?> Error(int code, string reason, params ushort[] unknownAttributes)
    {
        return Answer(id =>
        {
            var builder = new StunMessageBuilder(StunMethod.Binding, StunClass.ErrorResponse, id)
                .Add(new StunErrorCodeAttribute(code, reason));
            if (unknownAttributes.Length > 0)
            {
                builder.Add(new StunUnknownAttributesAttribute(unknownAttributes));
            }

            return builder;
        });
    }

    /// <summary>Checks that each datagram is a Binding request and answers it with what <paramref name="build"/> makes for its transaction id.</summary>
    public static Func<byte[], byte[]?> Answer(Func<TransactionId, StunMessageBuilder> build) => request =>
    {
        Assert.True(StunDecoder.TryDecode(request, out var message, out var error), "The client sent invalid STUN: " + error);
        Assert.Equal(StunMethod.Binding, message!.Method);
        Assert.Equal(StunClass.Request, message.Class);
        return build(message.TransactionId).Encode();
    };

    /// <summary>Drops the first <paramref name="count"/> requests, then answers like <paramref name="inner"/>.</summary>
    public static Func<byte[], byte[]?> DropFirst(int count, Func<byte[], byte[]?> inner)
    {
        var seen = 0;
        return request => Interlocked.Increment(ref seen) <= count ? null : inner(request);
    }

    /// <summary>Answers like <paramref name="inner"/> for the first <paramref name="count"/> requests, then falls silent.</summary>
    public static Func<byte[], byte[]?> AnswerFirst(int count, Func<byte[], byte[]?> inner)
    {
        var seen = 0;
        return request => Interlocked.Increment(ref seen) <= count ? inner(request) : null;
    }
}
