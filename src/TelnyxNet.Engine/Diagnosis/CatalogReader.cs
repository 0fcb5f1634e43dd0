using System.Globalization;
using System.Net;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// Reads and checks catalog JSON: an array of rows (also one bare row, and the
/// <c>{"value": [...], "Count": n}</c> wrapper Windows PowerShell 5.1 writes for
/// <c>ConvertTo-Json -InputObject $rows</c>). Each row needs Service, Host, Protocol and exactly
/// one of Port and PortRange; Direction (default Outbound), Required (default true), Purpose,
/// Source (default: the file) and Environment (default Production) are optional; other members
/// (such as the Rule that Get-TelnyxEndpoint adds) are ignored. Every problem names the file,
/// the row, the field and the line.
/// </summary>
internal static class CatalogReader
{
    /// <summary>The protocols each service can be tested or allowed over.</summary>
    private static readonly IReadOnlyDictionary<EndpointService, EndpointProtocol[]> ProtocolsOf = new Dictionary<EndpointService, EndpointProtocol[]>
    {
        [EndpointService.Signaling] = new[] { EndpointProtocol.Wss },
        [EndpointService.Stun] = new[] { EndpointProtocol.Udp, EndpointProtocol.Tcp, EndpointProtocol.Tls },
        [EndpointService.Turn] = new[] { EndpointProtocol.Udp, EndpointProtocol.Tcp, EndpointProtocol.Tls },
        [EndpointService.Sip] = new[] { EndpointProtocol.Udp, EndpointProtocol.Tcp, EndpointProtocol.Tls, EndpointProtocol.Wss },
        [EndpointService.Media] = new[] { EndpointProtocol.Udp, EndpointProtocol.Tcp },
    };

    public static IReadOnlyList<TelnyxEndpoint> Read(string json, string file)
    {
        JsonNode root;
        try
        {
            root = JsonReader.Parse(json);
        }
        catch (JsonParseException ex)
        {
            throw new CatalogException(file, string.Empty, null, ex.Line, file + ": not valid JSON: " + ex.Message + ".", ex);
        }

        var rows = RowsOf(root, file);
        if (rows.Count == 0)
        {
            throw new CatalogException(file, string.Empty, null, root.Line, file + ": the catalog holds no rows.");
        }

        var endpoints = new List<TelnyxEndpoint>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var endpoint = new Row(file, i + 1, rows[i]).Read();
            if (seen.TryGetValue(endpoint.Key, out var first))
            {
                throw new CatalogException(file, string.Empty, i + 1, rows[i].Line, file + ": row " + (i + 1) + " (" + rows[i].Where + ") repeats row " + first + ": " + endpoint + ".");
            }

            seen[endpoint.Key] = i + 1;
            endpoints.Add(endpoint);
        }

        return endpoints;
    }

    private static IReadOnlyList<JsonNode> RowsOf(JsonNode root, string file)
    {
        if (root is JsonArray array)
        {
            return array.Items;
        }

        if (root is JsonObject wrapper && wrapper.Get("value") is JsonArray value && wrapper.Members.All(m => m.Key.Equals("value", StringComparison.OrdinalIgnoreCase) || m.Key.Equals("Count", StringComparison.OrdinalIgnoreCase)))
        {
            return value.Items;
        }

        if (root is JsonObject single)
        {
            return new[] { single };
        }

        throw new CatalogException(file, string.Empty, null, root.Line, file + ": a catalog is an array of rows (what Get-TelnyxEndpoint | ConvertTo-Json writes), not " + root.Kind + ".");
    }

    /// <summary>One row being read: its fields checked one by one.</summary>
    private sealed class Row
    {
        private readonly string _file;
        private readonly int _number;
        private readonly JsonNode _node;

        public Row(string file, int number, JsonNode node)
        {
            _file = file;
            _number = number;
            _node = node;
        }

        public TelnyxEndpoint Read()
        {
            if (_node is not JsonObject row)
            {
                throw Problem(string.Empty, _node, "is " + _node.Kind + ", not an object with Service, Host, Port and Protocol");
            }

            var service = Enum<EndpointService>(row, "Service", null);
            var protocol = Enum<EndpointProtocol>(row, "Protocol", null);
            if (!ProtocolsOf[service].Contains(protocol))
            {
                throw Problem("Protocol", row.Get("Protocol")!, "is " + protocol + ", which is not a protocol of " + service + " (" + string.Join(", ", ProtocolsOf[service]) + ")");
            }

            var host = Host(row, service);
            var port = Port(row);
            var range = PortRange(row);
            if (port is null == range is null)
            {
                throw Problem(port is null ? "Port" : "PortRange", row, port is null ? "has neither a Port nor a PortRange; give exactly one" : "has both a Port and a PortRange; give exactly one");
            }

            if (range != null && service != EndpointService.Media)
            {
                throw Problem("PortRange", row.Get("PortRange")!, "is a port range, which only Media rows have; give " + service + " a Port");
            }

            var direction = Enum(row, "Direction", (EndpointDirection?)EndpointDirection.Outbound);
            var required = Boolean(row, "Required", true);
            var purpose = Text(row, "Purpose") ?? string.Empty;
            var source = Text(row, "Source") ?? _file;
            var environment = Enum(row, "Environment", (TelnyxEnvironment?)TelnyxEnvironment.Production);
            return new TelnyxEndpoint(service, host, port, range, protocol, direction, required, purpose, source.Length > 0 ? source : _file, environment);
        }

        private string Host(JsonObject row, EndpointService service)
        {
            var node = row.Get("Host");
            var host = Text(row, "Host")?.Trim();
            if (host is null || host.Length == 0)
            {
                throw Problem("Host", node ?? row, node is null ? "has no Host" : "has an empty Host");
            }

            if (service == EndpointService.Media && (host == EndpointCatalog.AnyHost || IsCidr(host)))
            {
                return host;
            }

            if (HostPortSyntax.CheckHost(host) is string error)
            {
                throw Problem("Host", node!, "is not a host name or IP address: " + error.TrimEnd('.') + (service == EndpointService.Media ? "; a Media row may also name a CIDR block or * (any)" : string.Empty));
            }

            return host;
        }

        private int? Port(JsonObject row)
        {
            var node = row.Get("Port");
            if (node is null or JsonNull)
            {
                return null;
            }

            if (node is not JsonNumber number || !number.TryGetInt32(out var port) || port < 1 || port > 65535)
            {
                throw Problem("Port", node, "is " + Describe(node) + "; a port is a whole number from 1 to 65535");
            }

            return port;
        }

        private PortSpan? PortRange(JsonObject row)
        {
            var node = row.Get("PortRange");
            var text = node is null or JsonNull ? null : Text(row, "PortRange")?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            var parts = text!.Split('-');
            if (parts.Length == 2 && HostPortSyntax.TryParsePort(parts[0].Trim(), out var first) && HostPortSyntax.TryParsePort(parts[1].Trim(), out var last) && first <= last)
            {
                return new PortSpan(first, last);
            }

            throw Problem("PortRange", node!, "is '" + text + "'; a port range is first-last, both 1 to 65535, first not above last (16384-32768)");
        }

        private T Enum<T>(JsonObject row, string field, T? fallback)
            where T : struct
        {
            var node = row.Get(field);
            if (node is null or JsonNull)
            {
                return fallback ?? throw Problem(field, row, "has no " + field + " (one of " + string.Join(", ", System.Enum.GetNames(typeof(T))) + ")");
            }

            // Names only: Enum.TryParse would also take "1".
            if (node is JsonString text && !text.Value.Trim().All(char.IsDigit) && System.Enum.TryParse<T>(text.Value.Trim(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(typeof(T), parsed))
            {
                return parsed;
            }

            throw Problem(field, node, "is " + Describe(node) + ", not one of " + string.Join(", ", System.Enum.GetNames(typeof(T))));
        }

        private bool Boolean(JsonObject row, string field, bool fallback)
        {
            var node = row.Get(field);
            return node switch
            {
                null or JsonNull => fallback,
                JsonBoolean flag => flag.Value,
                _ => throw Problem(field, node, "is " + Describe(node) + ", not true or false"),
            };
        }

        private string? Text(JsonObject row, string field)
        {
            var node = row.Get(field);
            return node switch
            {
                null or JsonNull => null,
                JsonString text => text.Value,
                _ => throw Problem(field, node, "is " + Describe(node) + ", not a string"),
            };
        }

        private CatalogException Problem(string field, JsonNode node, string what) =>
            new(_file, field, _number, node.Line, _file + ": row " + _number + " (" + node.Where + "): " + (field.Length > 0 ? field + " " : string.Empty) + what + ".");

        private static string Describe(JsonNode node) => node switch
        {
            JsonString text => "'" + text.Value + "'",
            JsonNumber number => number.Text,
            _ => node.Kind,
        };

        private static bool IsCidr(string host)
        {
            var slash = host.IndexOf('/');
            if (slash <= 0 || !IPAddress.TryParse(host.Substring(0, slash), out var address))
            {
                return false;
            }

            var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
            return int.TryParse(host.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix <= bits;
        }
    }
}
