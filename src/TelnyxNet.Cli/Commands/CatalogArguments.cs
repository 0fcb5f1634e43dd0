using System.CommandLine;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Cli.Commands;

/// <summary>--catalog, --service, --environment and --required-only, as the endpoints and firewall subcommands take them.</summary>
internal sealed class CatalogArguments
{
    public Option<string> Catalog { get; } = new("--catalog") { Description = "A catalog file (what 'Get-TelnyxEndpoint | ConvertTo-Json' or 'telnyxnet endpoints --json' writes) instead of the built-in catalog." };

    public Option<string[]> Service { get; } = ProbeArguments.Choices("--service", null, "Only these services: signaling, stun, turn, sip, media (repeat for several).", Enum.GetNames<EndpointService>().Select(n => n.ToLowerInvariant()).ToArray());

    public Option<string> Environment { get; } = ProbeArguments.Choice("--environment", null, "production (default) or development.", "production", "production", "development");

    public Option<bool> RequiredOnly { get; } = new("--required-only") { Description = "Only the documents' minimum (required) rules." };

    public void AddTo(Command command)
    {
        command.Options.Add(Catalog);
        command.Options.Add(Service);
        command.Options.Add(Environment);
        command.Options.Add(RequiredOnly);
    }

    /// <summary>The rows asked for; null with a usage <paramref name="error"/> naming the file and the field of a bad catalog.</summary>
    public IReadOnlyList<TelnyxEndpoint>? Read(ParseResult parse, out string? error)
    {
        error = null;
        IReadOnlyList<TelnyxEndpoint> rows = EndpointCatalog.Embedded;
        if (parse.GetValue(Catalog) is string path)
        {
            try
            {
                rows = EndpointCatalog.Load(path);
            }
            catch (CatalogException ex)
            {
                error = "--catalog: " + ex.Message;
                return null;
            }
        }

        var services = parse.GetValue(Service)?.Select(s => Enum.Parse<EndpointService>(s, ignoreCase: true)).ToList();
        var environment = Enum.Parse<TelnyxEnvironment>(parse.GetValue(Environment)!, ignoreCase: true);
        return EndpointCatalog.Select(rows, environment, services).Where(r => !parse.GetValue(RequiredOnly) || r.Required).ToList();
    }
}
