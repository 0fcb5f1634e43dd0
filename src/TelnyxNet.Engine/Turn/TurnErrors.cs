using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Turn;

/// <summary>STUN/TURN error codes a TURN client meets (RFC 8489 §14.8, RFC 8656 §19) and the failure each one means.</summary>
internal static class TurnErrors
{
    /// <summary>300 Try Alternate (RFC 8489 §10).</summary>
    public const int TryAlternate = 300;

    /// <summary>401 Unauthenticated (RFC 8489 §9.2.4).</summary>
    public const int Unauthenticated = 401;

    /// <summary>438 Stale Nonce (RFC 8489 §9.2.4).</summary>
    public const int StaleNonce = 438;

    /// <summary>437 Allocation Mismatch (RFC 8656 §19).</summary>
    public const int AllocationMismatch = 437;

    /// <summary>440 Address Family not Supported (RFC 8656 §19): the server cannot relay the address family asked for.</summary>
    public const int AddressFamilyNotSupported = 440;

    /// <summary>The failure reason for an error response that ends the test.</summary>
    public static FailureReason ReasonFor(int code) => code switch
    {
        Unauthenticated => FailureReason.AuthenticationFailed,
        403 => FailureReason.Forbidden,
        AllocationMismatch => FailureReason.AllocationMismatch,
        441 => FailureReason.WrongCredentials,
        442 => FailureReason.UnsupportedTransport,
        486 => FailureReason.AllocationQuotaReached,
        508 => FailureReason.InsufficientCapacity,
        _ => FailureReason.ErrorResponse,
    };

    /// <summary>The exception for an error response to <paramref name="method"/> that ends the test; <paramref name="reason"/> overrides the code's own.</summary>
    public static ProbeException Failure(StunMethod method, StunErrorCodeAttribute? error, string detail = "", FailureReason? reason = null)
    {
        var code = error?.Code ?? 0;
        var phrase = error?.Reason ?? string.Empty;
        var text = "The server answered " + method + " with error " + (error is null ? "(no ERROR-CODE)" : code + " " + phrase) + (detail.Length > 0 ? ": " + detail : ".");
        return new ProbeException(reason ?? (error is null ? FailureReason.ProtocolError : ReasonFor(code)), text)
        {
            ErrorCode = error?.Code,
            ErrorReason = phrase,
        };
    }
}
