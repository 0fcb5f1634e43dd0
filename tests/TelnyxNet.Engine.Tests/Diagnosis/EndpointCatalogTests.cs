using System.Text.Json;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;

namespace TelnyxNet.Engine.Tests.Diagnosis;

/// <summary>The embedded catalog holds the documents' rules; the loader reads what ConvertTo-Json writes and names the file, row, field and line of every problem.</summary>
public sealed class EndpointCatalogTests
{
    private static IReadOnlyList<TelnyxEndpoint> Production => EndpointCatalog.Select(EndpointCatalog.Embedded, TelnyxEnvironment.Production);

    [Fact]
    public void The_required_rules_are_exactly_the_minimum_rules_of_the_WebRTC_network_requirements()
    {
        var required = Production.Where(r => r.Required).Select(r => r.Rule).ToList();

        Assert.Equal(
            new[]
            {
                "Allow outbound TCP (WSS) 443 to rtc.telnyx.com",
                "Allow outbound UDP 3478 to stun.telnyx.com",
                "Allow outbound UDP 3478 to turn.telnyx.com",
                "Allow outbound TCP 443 to turn.telnyx.com",
            },
            required);
    }

    [Fact]
    public void Holds_the_optional_rules_the_SDK_defaults_and_seed_002_name()
    {
        string[] expected =
        {
            "Stun Udp 19302 stun.l.google.com", "Turn Tcp 3478 turn.telnyx.com", "Turn Tls 443 turn.telnyx.com", "Turn Tls 443 turn2.telnyx.com",
            "Media Udp 16384-32768 *", "Sip Udp 5060 sip.telnyx.com", "Sip Tcp 5060 sip.telnyx.com", "Sip Tls 5061 sip.telnyx.com",
            "Sip Tls 5061 sip-eu.telnyx.com", "Sip Wss 7443 sip.telnyx.com",
        };
        var rows = Production.Where(r => !r.Required).Select(r => r.Service + " " + r.Protocol + " " + (r.PortRange.Length > 0 ? r.PortRange : r.Port.ToString()) + " " + r.Host).ToList();

        Assert.All(expected, e => Assert.Contains(e, rows));
        Assert.Equal("Bidirectional", Production.Single(r => r.PortRange == "16384-32768").Direction);
    }

    [Fact]
    public void Every_SIP_host_variant_the_sources_name_has_its_UDP_TCP_and_TLS_rules()
    {
        var sip = Production.Where(r => r.Service == "Sip" && r.Protocol != "Wss").GroupBy(r => r.Host).ToList();

        Assert.Equal(new[] { "sip.telnyx.com", "sip-eu.telnyx.com", "sip-ca.telnyx.com", "sip-au.telnyx.com", "sip.telnyx.eu", "sip.telnyx.ca", "sip.telnyx.com.au", "sip-anycast2.telnyx.com" }, sip.Select(g => g.Key));
        Assert.All(sip, g => Assert.Equal(new[] { "Udp 5060", "Tcp 5060", "Tls 5061" }, g.Select(r => r.Protocol + " " + r.Port)));
    }

    [Fact]
    public void Has_a_signaling_rule_for_every_region_the_signaling_test_knows()
    {
        var hosts = Production.Where(r => r.Service == "Signaling").Select(r => r.Host).ToList();

        Assert.All(SignalingTarget.Regions, region => Assert.Contains(region + ".rtc.telnyx.com", hosts));
    }

    [Fact]
    public void Agrees_with_the_endpoint_constants_the_probes_default_to()
    {
        var rows = Production.Select(r => (r.Service, r.Host, r.Port, r.Protocol)).ToList();

        Assert.Contains(("Stun", TelnyxEndpoints.StunHost, (int?)TelnyxEndpoints.StunPort, "Udp"), rows);
        Assert.Contains(("Stun", TelnyxEndpoints.StunFallbackHost, (int?)TelnyxEndpoints.StunFallbackPort, "Udp"), rows);
        Assert.Contains(("Signaling", TelnyxEndpoints.SignalingHost, (int?)443, "Wss"), rows);
        Assert.All(TelnyxEndpoints.DefaultTurnServers(), s => Assert.Contains(("Turn", s.Host, (int?)s.Port, s.Transport.ToString()), rows));
    }

    [Fact]
    public void The_development_environment_has_the_SDK_dev_hosts_and_production_none_of_them()
    {
        var dev = EndpointCatalog.Select(EndpointCatalog.Embedded, TelnyxEnvironment.Development);

        Assert.Equal(new[] { "rtcdev.telnyx.com", "stundev.telnyx.com", "turndev.telnyx.com", "turndev.telnyx.com" }, dev.Select(r => r.Host));
        Assert.All(dev, r => Assert.Equal("Development", r.Environment));
        Assert.DoesNotContain(Production, r => r.Host.Contains("dev.", StringComparison.Ordinal));
        Assert.All(EndpointCatalog.Embedded, r => Assert.False(string.IsNullOrWhiteSpace(r.Purpose) || string.IsNullOrWhiteSpace(r.Source), r.ToString()));
    }

    [Fact]
    public void Selects_by_service_in_catalog_order()
    {
        var rows = EndpointCatalog.Select(EndpointCatalog.Embedded, TelnyxEnvironment.Production, new[] { EndpointService.Turn, EndpointService.Stun });

        Assert.Equal(new[] { "Stun", "Stun", "Turn", "Turn", "Turn", "Turn", "Turn" }, rows.Select(r => r.Service));
    }

    [Fact]
    public void Reads_back_what_ConvertTo_Json_writes_of_its_rows()
    {
        var json = JsonSerializer.Serialize(EndpointCatalog.Embedded, new JsonSerializerOptions { WriteIndented = true });

        var rows = EndpointCatalog.Parse(json, "round-trip.json");

        Assert.Equal(EndpointCatalog.Embedded.Select(r => r.Rule + r.Purpose + r.Source + r.Environment + r.Required), rows.Select(r => r.Rule + r.Purpose + r.Source + r.Environment + r.Required));
    }

    [Fact]
    public void Reads_one_bare_row_and_the_value_wrapper_of_Windows_PowerShell()
    {
        const string Row = "{\"Service\":\"Stun\",\"Host\":\"203.0.113.10\",\"Port\":3478,\"Protocol\":\"Udp\"}";

        var single = Assert.Single(EndpointCatalog.Parse(Row, "one.json"));
        var wrapped = EndpointCatalog.Parse("{\"value\": [" + Row + "], \"Count\": 1}", "wrapped.json");

        Assert.Equal("Allow outbound UDP 3478 to 203.0.113.10", single.Rule);
        Assert.True(single.Required);
        Assert.Equal("Outbound", single.Direction);
        Assert.Equal("Production", single.Environment);
        Assert.Equal("one.json", single.Source);
        Assert.Equal(single.Rule, Assert.Single(wrapped).Rule);
    }

    [Fact]
    public void Takes_CIDR_blocks_and_any_as_media_destinations()
    {
        var rows = EndpointCatalog.Parse("[{\"Service\":\"Media\",\"Host\":\"64.16.226.0/24\",\"PortRange\":\"16384-32768\",\"Protocol\":\"Udp\",\"Direction\":\"Bidirectional\"},{\"Service\":\"media\",\"Host\":\"*\",\"PortRange\":\"1000 - 2000\",\"Protocol\":\"udp\"}]", "media.json");

        Assert.Equal("Allow UDP 16384-32768 both ways between this machine and 64.16.226.0/24", rows[0].Rule);
        Assert.Equal("Allow outbound UDP 1000-2000 to any Telnyx media server", rows[1].Rule);
        Assert.Null(rows[1].Port);
    }

    [Theory]
    [InlineData("{\"Host\":\"a.example\",\"Port\":1,\"Protocol\":\"Udp\"}", "Service", "has no Service (one of Signaling, Stun, Turn, Sip, Media)")]
    [InlineData("{\"Service\":\"Web\",\"Host\":\"a.example\",\"Port\":1,\"Protocol\":\"Udp\"}", "Service", "Service is 'Web', not one of Signaling, Stun, Turn, Sip, Media")]
    [InlineData("{\"Service\":1,\"Host\":\"a.example\",\"Port\":1,\"Protocol\":\"Udp\"}", "Service", "Service is 1, not one of")]
    [InlineData("{\"Service\":\"Stun\",\"Port\":1,\"Protocol\":\"Udp\"}", "Host", "has no Host")]
    [InlineData("{\"Service\":\"Stun\",\"Host\":\" \",\"Port\":1,\"Protocol\":\"Udp\"}", "Host", "has an empty Host")]
    [InlineData("{\"Service\":\"Stun\",\"Host\":\"bad host!\",\"Port\":1,\"Protocol\":\"Udp\"}", "Host", "Host is not a host name or IP address")]
    [InlineData("{\"Service\":\"Stun\",\"Host\":\"*\",\"Port\":1,\"Protocol\":\"Udp\"}", "Host", "Host is not a host name or IP address")]
    [InlineData("{\"Service\":\"Stun\",\"Host\":\"a.example\",\"Port\":70000,\"Protocol\":\"Udp\"}", "Port", "Port is 70000; a port is a whole number from 1 to 65535")]
    [InlineData("{\"Service\":\"Stun\",\"Host\":\"a.example\",\"Port\":\"3478\",\"Protocol\":\"Udp\"}", "Port", "Port is '3478'; a port is a whole number")]
    [InlineData("{\"Service\":\"Stun\",\"Host\":\"a.example\",\"Protocol\":\"Udp\"}", "Port", "has neither a Port nor a PortRange")]
    [InlineData("{\"Service\":\"Media\",\"Host\":\"*\",\"Port\":1,\"PortRange\":\"1-2\",\"Protocol\":\"Udp\"}", "PortRange", "has both a Port and a PortRange")]
    [InlineData("{\"Service\":\"Media\",\"Host\":\"*\",\"PortRange\":\"9-2\",\"Protocol\":\"Udp\"}", "PortRange", "PortRange is '9-2'; a port range is first-last")]
    [InlineData("{\"Service\":\"Stun\",\"Host\":\"a.example\",\"PortRange\":\"1-2\",\"Protocol\":\"Udp\"}", "PortRange", "only Media rows have")]
    [InlineData("{\"Service\":\"Stun\",\"Host\":\"a.example\",\"Port\":1}", "Protocol", "has no Protocol (one of Udp, Tcp, Tls, Wss)")]
    [InlineData("{\"Service\":\"Signaling\",\"Host\":\"a.example\",\"Port\":443,\"Protocol\":\"Tcp\"}", "Protocol", "Protocol is Tcp, which is not a protocol of Signaling (Wss)")]
    [InlineData("{\"Service\":\"Stun\",\"Host\":\"a.example\",\"Port\":1,\"Protocol\":\"Udp\",\"Direction\":\"Inbound\"}", "Direction", "Direction is 'Inbound', not one of Outbound, Bidirectional")]
    [InlineData("{\"Service\":\"Stun\",\"Host\":\"a.example\",\"Port\":1,\"Protocol\":\"Udp\",\"Required\":\"yes\"}", "Required", "Required is 'yes', not true or false")]
    [InlineData("{\"Service\":\"Stun\",\"Host\":\"a.example\",\"Port\":1,\"Protocol\":\"Udp\",\"Purpose\":5}", "Purpose", "Purpose is 5, not a string")]
    [InlineData("{\"Service\":\"Stun\",\"Host\":\"a.example\",\"Port\":1,\"Protocol\":\"Udp\",\"Environment\":\"Staging\"}", "Environment", "Environment is 'Staging', not one of Production, Development")]
    public void Names_the_file_the_row_the_field_and_the_line_of_a_bad_row(string row, string field, string expected)
    {
        var json = "[\n  {\"Service\":\"Stun\",\"Host\":\"ok.example\",\"Port\":3478,\"Protocol\":\"Udp\"},\n  " + row + "\n]";

        var error = Assert.Throws<CatalogException>(() => EndpointCatalog.Parse(json, "lab.json"));

        Assert.Equal("lab.json", error.File);
        Assert.Equal(field, error.Field);
        Assert.Equal(2, error.Row);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("lab.json: row 2 (line 3, column ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "holds no rows")]
    [InlineData("\"rows\"", "a catalog is an array of rows")]
    [InlineData("[1]", "row 1 (line 1, column 2): is a number, not an object")]
    [InlineData("[{\"Service\":\"Stun\",\"Host\":\"a.example\",\"Port\":1,\"Protocol\":\"Udp\"},\n{\"Service\":\"stun\",\"Host\":\"A.example\",\"Port\":1,\"Protocol\":\"udp\"}]", "row 2 (line 2, column 1) repeats row 1")]
    [InlineData("[{\"Service\":\"Stun\",", "not valid JSON: The text ends")]
    public void Refuses_a_catalog_that_is_not_a_list_of_distinct_rows(string json, string expected)
    {
        var error = Assert.Throws<CatalogException>(() => EndpointCatalog.Parse(json, "bad.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.json: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_which_file_is_missing_or_too_large()
    {
        var directory = Path.Combine(Path.GetTempPath(), "telnyxnet-catalog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var missing = Path.Combine(directory, "missing.json");
            var large = Path.Combine(directory, "large.json");
            File.WriteAllText(large, new string(' ', EndpointCatalog.MaxFileBytes + 1));

            Assert.Equal("The catalog file '" + missing + "' does not exist.", Assert.Throws<CatalogException>(() => EndpointCatalog.Load(missing)).Message);
            Assert.Contains("a catalog is at most", Assert.Throws<CatalogException>(() => EndpointCatalog.Load(large)).Message, StringComparison.Ordinal);
            Assert.Equal(large, Assert.Throws<CatalogException>(() => EndpointCatalog.Load(large)).File);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
