using System.Management.Automation;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Infrastructure;

/// <summary>The -Server values of the cmdlets that ask STUN servers (Test-TelnyxStun, Get-TelnyxNatBehavior).</summary>
internal static class StunServerArguments
{
    /// <summary>
    /// Reads <paramref name="values"/> (strings, iceServers entries, objects with Server and Port)
    /// into <paramref name="servers"/>: an error record per value that is not a STUN server, a
    /// verbose line per TURN URL of an iceServers entry. True when any value was given.
    /// </summary>
    public static bool Read(Cmdlet cmdlet, object[]? values, TransportProtocol transport, bool explicitTransport, List<StunServerAddress> servers)
    {
        var given = false;
        foreach (var argument in (values ?? Array.Empty<object>()).Select(ServerArgument.Read).OfType<ServerArgument>())
        {
            given = true;
            foreach (var url in argument.Urls)
            {
                if (argument.FromIceServer && url.StartsWith("turn", StringComparison.OrdinalIgnoreCase))
                {
                    cmdlet.WriteVerbose("'" + url + "' is a TURN URL: Test-TelnyxTurn tests it.");
                    continue;
                }

                if (StunServerAddress.TryParse(url, transport, explicitTransport, out var server, out var problem))
                {
                    servers.Add(server!);
                    continue;
                }

                cmdlet.WriteError(ServerErrors.Record(problem!, argument.Target));
            }
        }

        return given;
    }
}
