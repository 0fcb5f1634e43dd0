using System.Globalization;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Tests.Readiness;

/// <summary>Catalog rows for a test, in the JSON shape Get-TelnyxEndpoint | ConvertTo-Json writes: what -Catalog reads.</summary>
internal static class TestCatalog
{
    public static string Row(string service, string host, int port, string protocol, bool required = true) =>
        "  {\"Service\": \"" + service + "\", \"Host\": \"" + host + "\", \"Port\": " + port.ToString(CultureInfo.InvariantCulture) + ", \"Protocol\": \"" + protocol + "\", \"Required\": " + (required ? "true" : "false") + ", \"Purpose\": \"test " + service + "\", \"Source\": \"test\"}";

    public static string MediaRow => "  {\"Service\": \"Media\", \"Host\": \"*\", \"PortRange\": \"16384-32768\", \"Protocol\": \"Udp\", \"Direction\": \"Bidirectional\", \"Required\": false, \"Purpose\": \"RTP media\", \"Source\": \"test\"}";

    public static string Json(params string[] rows) => "[\n" + string.Join(",\n", rows) + "\n]\n";

    public static IReadOnlyList<TelnyxEndpoint> Parse(params string[] rows) => EndpointCatalog.Parse(Json(rows), "test catalog");
}
