using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>The engine's STUN Binding probe run in this process, its UDP socket opened in the lab's client namespace.</summary>
internal static class LabProbe
{
    /// <summary>
    /// <see cref="StunBindingProbe.RunAsync"/> against <paramref name="server"/> (host:port) over
    /// UDP from 10.0.0.2: its one result, with <paramref name="count"/> Bindings in at most
    /// <paramref name="timeout"/>, retransmitting per <paramref name="policy"/> (RFC 8489's default when null).
    /// </summary>
    public static async Task<StunBindingResult> UdpAsync(NetworkLab lab, string server, int count, TimeSpan timeout, RetransmissionPolicy? policy = null)
    {
        Assert.True(StunServerAddress.TryParse(server, TransportProtocol.Udp, out var address, out var error), error);
        var options = new StunBindingOptions
        {
            Servers = new[] { address! },
            Count = count,
            Timeout = timeout,
            Retransmission = policy ?? RetransmissionPolicy.Default,
            OpenDatagramSocket = lab.OpenClientDatagramSocket,
        };
        var results = await StunBindingProbe.RunAsync(options, null, null, CancellationToken.None);
        return Assert.Single(results);
    }

    /// <summary>host:port text for the engine and the CLI.</summary>
    public static string At(string address, int port) => address + ":" + port;
}
