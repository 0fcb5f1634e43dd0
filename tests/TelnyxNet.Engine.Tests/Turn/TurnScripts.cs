using System.Net;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Turn;

/// <summary>Building blocks for scripted TURN servers: challenges, signed successes, errors.</summary>
internal static class TurnScripts
{
    public const string Username = "alice";
    public const string Password = "secret123";
    public const string Realm = "example.org";
    public static readonly IPEndPoint Relayed = new(IPAddress.Parse("192.0.2.1"), 49152);
    public static readonly IPEndPoint Mapped = new(IPAddress.Parse("198.51.100.7"), 40000);

    public static byte[] Key(StunPasswordAlgorithm algorithm = StunPasswordAlgorithm.Md5) => StunCredentials.LongTermKey(Username, Realm, Password, algorithm);

    public static bool IsAuthenticated(StunMessage request) => request.GetAttribute(StunAttributeType.Username) != null;

    public static StunMessageBuilder Challenge(StunMessage request, string nonce = "nonce-1", StunPasswordAlgorithmsAttribute? algorithms = null)
    {
        var builder = Error(request, 401, "Unauthorized")
            .Add(new StunTextAttribute(StunAttributeType.Realm, Realm))
            .Add(new StunTextAttribute(StunAttributeType.Nonce, nonce));
        return algorithms is null ? builder : builder.Add(algorithms);
    }

    public static StunMessageBuilder Error(StunMessage request, int code, string reason) =>
        new StunMessageBuilder(request.Method, StunClass.ErrorResponse, request.TransactionId)
            .Add(new StunErrorCodeAttribute(code, reason))
            .Add(new StunTextAttribute(StunAttributeType.Software, "scripted TURN"));

    /// <summary>An Allocate success signed with <paramref name="key"/> (or unsigned when null).</summary>
    public static StunMessageBuilder Allocated(StunMessage request, byte[]? key, bool sha256 = false)
    {
        var builder = new StunMessageBuilder(StunMethod.Allocate, StunClass.SuccessResponse, request.TransactionId)
            .Add(new StunXorAddressAttribute(StunAttributeType.XorRelayedAddress, Relayed))
            .Add(new StunXorAddressAttribute(StunAttributeType.XorMappedAddress, Mapped))
            .Add(new StunNumberAttribute(StunAttributeType.Lifetime, 600));
        return Sign(builder, key, sha256);
    }

    /// <summary>A success for any other method, signed with <paramref name="key"/>.</summary>
    public static StunMessageBuilder Success(StunMessage request, byte[] key, bool sha256 = false) =>
        Sign(new StunMessageBuilder(request.Method, StunClass.SuccessResponse, request.TransactionId), key, sha256);

    public static string? Text(StunMessage message, ushort type) => message.GetAttribute<StunTextAttribute>(type)?.Value;

    private static StunMessageBuilder Sign(StunMessageBuilder builder, byte[]? key, bool sha256)
    {
        if (key != null)
        {
            if (sha256)
            {
                builder.AddMessageIntegritySha256(key);
            }
            else
            {
                builder.AddMessageIntegrity(key);
            }
        }

        return builder.AddFingerprint();
    }
}
