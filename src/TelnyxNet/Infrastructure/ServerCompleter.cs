using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Infrastructure;

/// <summary>Tab completion for <c>-Server</c>: the Telnyx endpoints of the command's protocol, as the catalog names them.</summary>
public sealed class ServerCompleter : IArgumentCompleter
{
    /// <summary>The servers each command completes, by command name.</summary>
    private static readonly IReadOnlyDictionary<string, Func<IEnumerable<string>>> ServersByCommand = new Dictionary<string, Func<IEnumerable<string>>>(StringComparer.OrdinalIgnoreCase)
    {
        ["Test-TelnyxStun"] = () => TelnyxEndpoints.DefaultStunServers(TransportProtocol.Udp).Select(s => s.ToString()),
        ["Test-TelnyxTurn"] = () => TelnyxEndpoints.DefaultTurnServers().Select(s => s.ToString()),
        ["Get-TelnyxIceCandidate"] = () => TelnyxEndpoints.DefaultIceServers,
        ["Measure-TelnyxMediaPath"] = () => TelnyxEndpoints.DefaultTurnServers().Select(s => s.ToString()),
        ["Get-TelnyxNatBehavior"] = () => TelnyxEndpoints.DefaultStunServers(TransportProtocol.Udp).Select(s => s.ToString()),
    };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        if (commandName is null || !ServersByCommand.TryGetValue(commandName, out var servers))
        {
            return Array.Empty<CompletionResult>();
        }

        return servers()
            .Where(s => s.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            .Select(s => new CompletionResult("'" + s + "'", s, CompletionResultType.ParameterValue, s))
            .ToList();
    }
}
