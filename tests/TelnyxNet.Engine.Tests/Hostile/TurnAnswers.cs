using System.Net;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Answers of hostile TURN servers (RFC 8656 over RFC 8489) to a client's requests: each takes the
/// request's bytes and returns the answer's, an error response of the request's own method.
/// </summary>
internal static class TurnAnswers
{
    public const string Realm = "hostile.test";

    /// <summary>A 401 challenge with REALM and a NONCE that is new every time: a client that retries on every challenge never ends.</summary>
    public static byte[] EndlessChallenge(byte[] request) =>
        Error(request, 401, "Unauthorized", new StunTextAttribute(StunAttributeType.Realm, Realm), new StunTextAttribute(StunAttributeType.Nonce, Guid.NewGuid().ToString("N")));

    /// <summary>A 401 without REALM and NONCE: nothing to authenticate with.</summary>
    public static byte[] ChallengeWithoutRealm(byte[] request) => Error(request, 401, "Unauthorized");

    /// <summary>The challenge for an unauthenticated request, then error <paramref name="code"/> for every authenticated one.</summary>
    public static Func<byte[], byte[]> AfterChallenge(int code, string reason) => request =>
        IsAuthenticated(request) ? Error(request, code, reason, new StunTextAttribute(StunAttributeType.Nonce, Guid.NewGuid().ToString("N"))) : EndlessChallenge(request);

    /// <summary>Error <paramref name="code"/> at once, to the unauthenticated request.</summary>
    public static Func<byte[], byte[]> Immediate(int code, string reason) => request => Error(request, code, reason);

    /// <summary>300 Try Alternate naming <paramref name="alternate"/> (RFC 8489 §10).</summary>
    public static Func<byte[], byte[]> Redirect(IPEndPoint alternate) => request =>
        Error(request, 300, "Try Alternate", new StunAddressAttribute(StunAttributeType.AlternateServer, alternate));

    private static bool IsAuthenticated(byte[] request) =>
        StunDecoder.TryDecode(request, out var message, out _) && message!.GetAttribute(StunAttributeType.MessageIntegrity) != null;

    private static byte[] Error(byte[] request, int code, string reason, params StunAttribute[] attributes)
    {
        Assert.True(StunDecoder.TryDecode(request, out var message, out var error), "The client sent invalid STUN: " + error);
        var builder = new StunMessageBuilder(message!.Method, StunClass.ErrorResponse, message.TransactionId).Add(new StunErrorCodeAttribute(code, reason));
        foreach (var attribute in attributes)
        {
            builder.Add(attribute);
        }

        return builder.AddFingerprint().Encode();
    }
}
