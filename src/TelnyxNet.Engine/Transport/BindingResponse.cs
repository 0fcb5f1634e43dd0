using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Transport;

/// <summary>The checks on an answer to a Binding request (RFC 8489 §6.3), shared by every probe that sends one.</summary>
internal static class BindingResponse
{
    /// <summary>A new Binding request (RFC 8489 §3), optionally with more attributes (RFC 5780's CHANGE-REQUEST, RESPONSE-PORT).</summary>
    public static byte[] Request(params StunAttribute[] attributes)
    {
        var builder = new StunMessageBuilder(StunMethod.Binding, StunClass.Request);
        foreach (var attribute in attributes)
        {
            builder.Add(attribute);
        }

        return builder.Encode();
    }

    /// <summary>
    /// RFC 8489 §6.3's checks before a message may end a Binding transaction: a Binding response
    /// (success or error), and a success carries a mapped address. One that fails them is
    /// discarded and the transaction waits on; null when it passes, else why not.
    /// </summary>
    public static string? Check(StunMessage response)
    {
        if (response.Method != StunMethod.Binding || response.Class == StunClass.Request || response.Class == StunClass.Indication)
        {
            return "a " + response.Method + " " + response.Class + " is no answer to a Binding request";
        }

        return response.Class == StunClass.SuccessResponse && response.MappedEndPoint is null
            ? "a Binding success response without XOR-MAPPED-ADDRESS or MAPPED-ADDRESS"
            : null;
    }

    /// <summary>
    /// The mapped address of a Binding success; throws <see cref="ProbeException"/> for anything
    /// else: another method or class, unknown comprehension-required attributes, an error response
    /// (with its <see cref="ProbeException.ErrorCode"/>), or no mapped address.
    /// </summary>
    public static IPEndPoint MappedEndPoint(StunMessage response)
    {
        if (response.Method != StunMethod.Binding || response.Class == StunClass.Request || response.Class == StunClass.Indication)
        {
            throw new ProbeException(FailureReason.ProtocolError, "Unexpected " + response.Method + " " + response.Class + " in answer to a Binding request.");
        }

        if (response.UnknownComprehensionRequired.Count > 0)
        {
            throw new ProbeException(FailureReason.ProtocolError, "The response carries comprehension-required attribute(s) this client does not know: " + string.Join(", ", response.UnknownComprehensionRequired.Select(StunAttributeRegistry.NameOf)) + ".");
        }

        if (response.Class == StunClass.ErrorResponse)
        {
            var error = response.Error;
            throw new ProbeException(FailureReason.ErrorResponse, "The server answered with STUN error " + (error is null ? "(no ERROR-CODE)" : error.Code + " " + error.Reason) + ".")
            {
                ErrorCode = error?.Code,
                ErrorReason = error?.Reason ?? string.Empty,
            };
        }

        var mapped = response.MappedEndPoint ?? throw new ProbeException(FailureReason.ProtocolError, "The Binding success response carries no XOR-MAPPED-ADDRESS or MAPPED-ADDRESS.");
        return mapped.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(mapped.Address.MapToIPv4(), mapped.Port) : mapped;
    }
}
