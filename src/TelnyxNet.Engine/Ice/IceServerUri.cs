using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Ice;

/// <summary>
/// ICE server URLs as an RTCConfiguration's <c>iceServers</c> lists them: <c>stun:host[:port]</c>
/// (RFC 7064; STUN over UDP, as browsers gather), <c>turn:host[:port][?transport=udp|tcp]</c> and
/// <c>turns:host[:port]</c> (RFC 7065). The scheme is required: it says which kind of server it is.
/// </summary>
public static class IceServerUri
{
    /// <summary>
    /// Parses <paramref name="text"/> into a STUN or a TURN server (one of the two is set); false
    /// with a message naming the value when it is not an ICE server URL.
    /// </summary>
    public static bool TryParse(string? text, out StunServerAddress? stun, out TurnServerAddress? turn, out ServerInputError? problem)
    {
        stun = null;
        turn = null;
        var input = text?.Trim() ?? string.Empty;
        var scheme = input.IndexOf(':') > 0 ? input.Substring(0, input.IndexOf(':')).ToLowerInvariant() : string.Empty;
        if (scheme == "stun")
        {
            return StunServerAddress.TryParse(input, TransportProtocol.Udp, explicitTransport: true, out stun, out problem);
        }

        if (scheme == "turn" || scheme == "turns")
        {
            if (!TurnServerAddress.TryParse(input, null, out var servers, out problem))
            {
                return false;
            }

            turn = servers.Single();
            return true;
        }

        problem = new ServerInputError(ServerInputErrorKind.Invalid, "'" + (text ?? string.Empty) + "' is not an ICE server URL: write stun:host[:port], turn:host[:port][?transport=udp|tcp] or turns:host[:port]"
            + (scheme == "stuns" ? " (browsers gather no candidates from stuns: servers)." : "."));
        return false;
    }
}
