using System.Management.Automation;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Infrastructure;

/// <summary>The -Server values of the cmdlets that go through TURN relays (Test-TelnyxTurn, Measure-TelnyxMediaPath).</summary>
internal static class TurnServerArguments
{
    /// <summary>
    /// Reads <paramref name="values"/> (strings, iceServers entries, objects with Server and Port)
    /// into <paramref name="servers"/>, filtered by <paramref name="transports"/>: an iceServers
    /// entry's turn:/turns: URLs with the entry's own username and credential, an error record per
    /// value that is not a TURN server or names a transport left out, a verbose line per STUN URL
    /// of an iceServers entry. True when any value was given.
    /// </summary>
    public static bool Read(Cmdlet cmdlet, object[]? values, IReadOnlyCollection<TransportProtocol>? transports, List<TurnServerAddress> servers)
    {
        var given = false;
        foreach (var argument in (values ?? Array.Empty<object>()).Select(ServerArgument.Read).OfType<ServerArgument>())
        {
            given = true;
            var own = argument.HasCredential ? TurnCredential.FromIceServer(argument.Username!, argument.SecurePassword()) : null;
            foreach (var url in argument.Urls)
            {
                if (argument.FromIceServer && url.StartsWith("stun", StringComparison.OrdinalIgnoreCase))
                {
                    cmdlet.WriteVerbose("'" + url + "' is a STUN URL: Test-TelnyxStun tests it.");
                    continue;
                }

                if (!TurnServerAddress.TryParse(url, transports, out var parsed, out var problem))
                {
                    cmdlet.WriteError(ServerErrors.Record(problem!, argument.Target));
                    continue;
                }

                servers.AddRange(own is null ? parsed : parsed.Select(s => s.WithCredential(own)));
            }
        }

        return given;
    }
}
