using System.IO;
using System.Reflection;
using System.Text;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// The endpoint catalog: every destination the Telnyx documents name, one row per firewall rule
/// (<see cref="TelnyxEndpoint"/>). The engine's own catalog is one embedded JSON resource
/// (Diagnosis/EndpointCatalog.json); a catalog file of the same shape, which is what
/// <c>Get-TelnyxEndpoint | ConvertTo-Json</c> writes, stands in for it wherever a command takes
/// <c>-Catalog</c> (a lab, or a customer's own Telnyx-like endpoints). Both are read by the same
/// strict loader (<see cref="CatalogReader"/>).
/// </summary>
public static class EndpointCatalog
{
    /// <summary>The host of a row that means any destination (media ports).</summary>
    public const string AnyHost = "*";

    /// <summary>The largest catalog file read, in bytes.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    private const string ResourceName = "TelnyxNet.Engine.Diagnosis.EndpointCatalog.json";
    private static readonly Lazy<IReadOnlyList<TelnyxEndpoint>> EmbeddedRows = new(ReadEmbedded);

    /// <summary>The engine's catalog, every environment.</summary>
    public static IReadOnlyList<TelnyxEndpoint> Embedded => EmbeddedRows.Value;

    /// <summary>
    /// Reads the catalog file at <paramref name="path"/>. Throws <see cref="CatalogException"/>
    /// naming the file, and the row and field when one is wrong.
    /// </summary>
    public static IReadOnlyList<TelnyxEndpoint> Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A catalog path is required.", nameof(path));
        }

        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CatalogException(path, string.Empty, null, null, "The catalog file '" + path + "' does not exist.");
            }

            if (info.Length > MaxFileBytes)
            {
                throw new CatalogException(path, string.Empty, null, null, "The catalog file '" + path + "' is " + info.Length + " bytes; a catalog is at most " + MaxFileBytes + " bytes.");
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is System.Security.SecurityException)
        {
            throw new CatalogException(path, string.Empty, null, null, "The catalog file '" + path + "' cannot be read: " + ex.Message, ex);
        }

        return Parse(text, path);
    }

    /// <summary>Reads a catalog from JSON text; <paramref name="source"/> names it in errors and is the default of each row's Source.</summary>
    public static IReadOnlyList<TelnyxEndpoint> Parse(string json, string source) =>
        CatalogReader.Read(json ?? throw new ArgumentNullException(nameof(json)), source ?? throw new ArgumentNullException(nameof(source)));

    /// <summary>
    /// The rows of <paramref name="rows"/> in <paramref name="environment"/> (null: every
    /// environment) and of <paramref name="services"/> (null or empty: every service), in catalog order.
    /// </summary>
    public static IReadOnlyList<TelnyxEndpoint> Select(IEnumerable<TelnyxEndpoint> rows, TelnyxEnvironment? environment, IReadOnlyCollection<EndpointService>? services = null) =>
        (rows ?? throw new ArgumentNullException(nameof(rows)))
            .Where(r => environment is null || r.EnvironmentKind == environment)
            .Where(r => services is null || services.Count == 0 || services.Contains(r.ServiceKind))
            .ToList();

    private static IReadOnlyList<TelnyxEndpoint> ReadEmbedded()
    {
        using var stream = typeof(EndpointCatalog).GetTypeInfo().Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The engine's endpoint catalog (" + ResourceName + ") is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd(), "TelnyxNet.Engine endpoint catalog");
    }
}
