using System.Globalization;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// The lab of the firewall tests: coturn (STUN and TURN on .10 and .11, TCP 443 of .10 to its
/// 3478), a TLS coturn on .13:443 and Kestrel WSS on .12:443, both with lab CA certificates,
/// kamailio (SIP on .10:5060), and a catalog file whose every row points at them.
/// </summary>
internal sealed class FirewallLab : IAsyncDisposable
{
    private FirewallLab(SignalingLabServers servers, string catalogFile)
    {
        Servers = servers;
        CatalogFile = catalogFile;
    }

    public SignalingLabServers Servers { get; }

    public NetworkLab Lab => Servers.Lab;

    /// <summary>The lab catalog file (JSON, the shape Get-TelnyxEndpoint | ConvertTo-Json writes).</summary>
    public string CatalogFile { get; }

    public static async Task<FirewallLab> StartAsync()
    {
        var servers = await SignalingLabServers.StartAsync(Scenario.EndpointIndependentNat, coturn: true);
        try
        {
            var certificate = Path.Combine(servers.Lab.Directory, "turn-tls-cert.pem");
            var key = Path.Combine(servers.Lab.Directory, "turn-tls-key.pem");
            servers.Pki.WriteServerPem(certificate, key);
            await servers.Lab.StartTlsCoturnAsync(certificate, key);
            await Sip.SipLab.StartKamailioAsync(servers.Lab, certificate, key, NetworkLab.ServerAddress);
            var catalog = Path.Combine(servers.Lab.Directory, "lab-catalog.json");
            File.WriteAllText(catalog, "[\n" + string.Join(",\n", new[]
            {
                Row("Signaling", SignalingLab.WssAddress, 443, "Wss", true),
                Row("Stun", NetworkLab.ServerAddress, NetworkLab.StunPort, "Udp", true),
                Row("Stun", NetworkLab.AlternateServerAddress, NetworkLab.AlternatePort, "Udp", false),
                Row("Turn", NetworkLab.ServerAddress, NetworkLab.StunPort, "Udp", true),
                Row("Turn", NetworkLab.ServerAddress, NetworkLab.WebPort, "Tcp", true),
                Row("Turn", NetworkLab.ServerAddress, NetworkLab.StunPort, "Tcp", false),
                Row("Turn", SignalingLab.TurnTlsAddress, 443, "Tls", false),
                Row("Sip", NetworkLab.ServerAddress, 5060, "Udp", false),
                "  {\"Service\": \"Media\", \"Host\": \"*\", \"PortRange\": \"16384-32768\", \"Protocol\": \"Udp\", \"Direction\": \"Bidirectional\", \"Required\": false, \"Purpose\": \"RTP media\", \"Source\": \"lab\"}",
            }) + "\n]\n");
            return new FirewallLab(servers, catalog);
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>The firewall test from the client namespace with the lab CA trusted, every rule of the lab catalog.</summary>
    public Task<IReadOnlyList<FirewallRuleResult>> RunAsync(TimeSpan timeout) =>
        FirewallTest.RunAsync(
            new FirewallOptions
            {
                Rules = EndpointCatalog.Load(CatalogFile),
                Timeout = timeout,
                NoProxy = true,
                Trust = Servers.PublicLabCa,
                OpenDatagramSocket = Lab.OpenClientDatagramSocket,
                OpenStreamSocket = Lab.OpenClientStreamSocket,
            },
            null,
            null,
            CancellationToken.None);

    /// <summary>
    /// The per-rule firewall in the NAT: REJECT (TCP reset) the WSS server's 443; DROP UDP 3478 to .10;
    /// REJECT (ICMP port unreachable) UDP 3479 to .11; REJECT TCP 3478 to .10. TCP 443 to .10 and .13 pass.
    /// </summary>
    public async Task PerRuleFirewallAsync()
    {
        await Lab.NatIptablesAsync("-A", "FORWARD", "-i", "v-nat-in", "-d", SignalingLab.WssAddress, "-p", "tcp", "--dport", "443", "-j", "REJECT", "--reject-with", "tcp-reset");
        await Lab.NatIptablesAsync("-A", "FORWARD", "-i", "v-nat-in", "-d", NetworkLab.ServerAddress, "-p", "udp", "--dport", Port(NetworkLab.StunPort), "-j", "DROP");
        await Lab.NatIptablesAsync("-A", "FORWARD", "-i", "v-nat-in", "-d", NetworkLab.AlternateServerAddress, "-p", "udp", "--dport", Port(NetworkLab.AlternatePort), "-j", "REJECT", "--reject-with", "icmp-port-unreachable");
        await Lab.NatIptablesAsync("-A", "FORWARD", "-i", "v-nat-in", "-d", NetworkLab.ServerAddress, "-p", "tcp", "--dport", Port(NetworkLab.StunPort), "-j", "REJECT", "--reject-with", "tcp-reset");
    }

    public ValueTask DisposeAsync() => Servers.DisposeAsync();

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string Row(string service, string host, int port, string protocol, bool required) =>
        "  {\"Service\": \"" + service + "\", \"Host\": \"" + host + "\", \"Port\": " + Port(port) + ", \"Protocol\": \"" + protocol + "\", \"Required\": " + (required ? "true" : "false") + ", \"Purpose\": \"lab " + service + "\", \"Source\": \"lab\"}";
}
