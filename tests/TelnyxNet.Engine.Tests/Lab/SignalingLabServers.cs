using System.Net;
using System.Security.Cryptography.X509Certificates;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Tests.Integration.Signaling;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Servers.Wss;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// A lab with a real TLS WebSocket server (Kestrel in this process, listening in the server
/// namespace on 203.0.113.12:443) with a certificate of a lab CA the tests trust as a public
/// root; squid, mitmproxy and a TLS coturn on demand. Disposed with everything it started.
/// </summary>
internal sealed class SignalingLabServers : IAsyncDisposable
{
    private readonly X509Certificate2 _certificate;

    private SignalingLabServers(NetworkLab lab, TestCertificates pki, X509Certificate2 certificate, WssLabServer wss)
    {
        Lab = lab;
        Pki = pki;
        _certificate = certificate;
        Wss = wss;
    }

    public NetworkLab Lab { get; }

    /// <summary>The lab CA: signs the WSS server's and the TLS coturn's certificates.</summary>
    public TestCertificates Pki { get; }

    public WssLabServer Wss { get; }

    /// <summary>The lab CA's certificate as a PEM file (mitmproxy's upstream trust).</summary>
    public string CaPem => Path.Combine(Lab.Directory, "lab-ca.pem");

    /// <summary>Trusts the lab CA as a public root, as a client trusts a public CA.</summary>
    public CertificateTrust PublicLabCa => CertificateTrust.WithRoots(new[] { Pki.Authority }, new[] { Pki.Authority });

    /// <summary>The client's side: direct from 10.0.0.2, the lab CA public, 5 s bound, hold 2 s.</summary>
    public SignalingSetup Client => SignalingRun.Direct with
    {
        Trust = PublicLabCa,
        Hold = TimeSpan.FromSeconds(2),
        OpenStreamSocket = Lab.OpenClientStreamSocket,
    };

    /// <summary>The WSS server's URI of <paramref name="path"/>.</summary>
    public string Uri(string path = "/") => "wss://" + SignalingLab.WssAddress + path;

    /// <summary>A lab with <paramref name="scenario"/> and the WSS server (and coturn when asked).</summary>
    public static async Task<SignalingLabServers> StartAsync(Scenario scenario, bool coturn = false)
    {
        var lab = await NetworkLab.StartAsync();
        TestCertificates? pki = null;
        X509Certificate2? certificate = null;
        try
        {
            if (coturn)
            {
                await lab.StartCoturnAsync();
            }

            await lab.ApplyAsync(scenario);
            await lab.AddServerAddressAsync(SignalingLab.WssAddress);
            await lab.ExemptFromTurnRedirectAsync(SignalingLab.WssAddress);
            pki = TestCertificates.Create("CN=TelnyxNet Lab Public CA, O=TelnyxNet lab", new[] { IPAddress.Parse(SignalingLab.WssAddress), IPAddress.Parse(SignalingLab.TurnTlsAddress) });
            File.WriteAllText(Path.Combine(lab.Directory, "lab-ca.pem"), pki.Authority.ExportCertificatePem() + "\n");
            certificate = pki.ServerCertificate();
            var wss = await WssLabServer.StartAsync(new IPEndPoint(IPAddress.Parse(SignalingLab.WssAddress), SignalingLab.TlsPort), certificate, lab.OpenServerStreamSocket);
            return new SignalingLabServers(lab, pki, certificate, wss);
        }
        catch
        {
            certificate?.Dispose();
            pki?.Dispose();
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Lets the client reach only <paramref name="address"/> on TCP <paramref name="ports"/> (a network that must go through its proxy).</summary>
    public async Task OnlyAsync(string address, params int[] ports)
    {
        await Lab.NatIptablesAsync("-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT");
        foreach (var port in ports)
        {
            await Lab.NatIptablesAsync("-A", "FORWARD", "-i", "v-nat-in", "-d", address, "-p", "tcp", "--dport", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-j", "ACCEPT");
        }

        await Lab.NatIptablesAsync("-A", "FORWARD", "-i", "v-nat-in", "-j", "DROP");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Wss.DisposeAsync();
        }
        finally
        {
            await Lab.DisposeAsync();
            _certificate.Dispose();
            Pki.Dispose();
        }
    }
}
