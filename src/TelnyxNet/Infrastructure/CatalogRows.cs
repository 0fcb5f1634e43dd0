using System.Management.Automation;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Infrastructure;

/// <summary>The catalog rows a catalog-driven cmdlet works on: the engine's catalog or a -Catalog file, filtered by -Environment, -Service and -RequiredOnly.</summary>
internal static class CatalogRows
{
    /// <summary>The rows; a bad -Catalog file is the terminating error InvalidCatalog, naming the file and the field.</summary>
    public static IReadOnlyList<TelnyxEndpoint> Select(PSCmdlet cmdlet, string? catalog, TelnyxEnvironment environment, EndpointService[]? services, bool requiredOnly)
    {
        IReadOnlyList<TelnyxEndpoint> rows = EndpointCatalog.Embedded;
        if (catalog != null)
        {
            var path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(catalog);
            try
            {
                rows = EndpointCatalog.Load(path);
            }
            catch (CatalogException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidCatalog, ErrorCategory.InvalidData, catalog));
            }
        }

        return EndpointCatalog.Select(rows, environment, services).Where(r => !requiredOnly || r.Required).ToList();
    }
}
