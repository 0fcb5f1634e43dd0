using TelnyxNet.Engine.Signaling;
using static TelnyxNet.Engine.Tests.Hostile.StreamBehaviours;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Behaviours of a WebSocket server (RFC 6455) on an open connection, for a
/// <see cref="HostileStreamServer"/>: <see cref="Upgraded"/> accepts the upgrade and then plays one
/// of them. They read the client's frames (<see cref="WebSocketAnswers.ReadClientFrameAsync"/>).
/// </summary>
internal static class WebSocketBehaviours
{
    /// <summary>A server that plays its part: a Pong for every Ping (§5.5.3), the closing handshake answered (§5.5.1).</summary>
    public static StreamBehaviour Serving { get; } = Answering(int.MaxValue, answerClose: true);

    /// <summary>Answers the upgrade with a valid 101 (read from the request head), then plays <paramref name="then"/>.</summary>
    public static StreamBehaviour Upgraded(StreamBehaviour then) => Then(Answer(Head, WebSocketAnswers.Upgrade), then);

    /// <summary>
    /// Reads the client's frames until it ends the connection: the first <paramref name="pongs"/>
    /// Pings get their Pong, later ones nothing; a Close is echoed (and the behaviour returns) when
    /// <paramref name="answerClose"/>, else ignored: a Close that never comes.
    /// </summary>
    public static StreamBehaviour Answering(int pongs, bool answerClose) => async exchange =>
    {
        var answered = 0;
        while (await WebSocketAnswers.ReadClientFrameAsync(exchange) is (WebSocketOpcode opcode, byte[] payload))
        {
            if (opcode == WebSocketOpcode.Ping && answered < pongs)
            {
                answered++;
                await exchange.WriteAsync(WebSocketAnswers.Frame(WebSocketOpcode.Pong, payload));
            }
            else if (opcode == WebSocketOpcode.Close && answerClose)
            {
                await exchange.WriteAsync(WebSocketAnswers.Frame(WebSocketOpcode.Close, payload));
                return;
            }
        }
    };

    /// <summary>Waits <paramref name="delay"/> on the open WebSocket, then resets the connection.</summary>
    public static StreamBehaviour ResetAfter(TimeSpan delay) => async exchange =>
    {
        await Task.Delay(delay, exchange.Stopping);
        exchange.Reset();
    };
}
