using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Transport;

/// <summary>Maps socket errors to the failure reasons a result reports.</summary>
internal static class SocketErrors
{
    public static ProbeException Classify(SocketException ex, string what)
    {
        var reason = ex.SocketErrorCode switch
        {
            SocketError.ConnectionRefused or SocketError.ConnectionReset => FailureReason.Refused,
            SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown
                or SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable
                or SocketError.HostDown => FailureReason.Unreachable,
            SocketError.TimedOut => FailureReason.Timeout,
            _ => FailureReason.Unreachable,
        };
        var text = reason switch
        {
            FailureReason.Refused => what + " refused (" + ex.SocketErrorCode + ": " + ex.Message + ")",
            FailureReason.Timeout => what + " timed out (" + ex.Message + ")",
            _ => what + " unreachable (" + ex.SocketErrorCode + ": " + ex.Message + ")",
        };
        return new ProbeException(reason, text, ex);
    }
}
