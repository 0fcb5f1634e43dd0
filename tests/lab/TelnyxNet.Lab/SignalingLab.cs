using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace TelnyxNet.Lab;

/// <summary>
/// The signaling and firewall pieces of a lab, on addresses of their own in the server namespace
/// (TEST-NET-3, beside coturn's .10 and .11): a WSS server's address (the tests run Kestrel in
/// process, listening there), a second coturn with TLS on 443, a real squid with an open, an
/// authenticating and a CONNECT-refusing port, and a real mitmproxy that intercepts TLS. Every
/// server is stopped with the lab; files go in the lab's directory. Verified by hand as
/// shared/lab/README.md §2 and §3 describe.
/// </summary>
public static class SignalingLab
{
    /// <summary>Where the tests' WSS server listens (port 443).</summary>
    public const string WssAddress = "203.0.113.12";

    /// <summary>Where the TLS coturn listens (TURN over TLS on 443).</summary>
    public const string TurnTlsAddress = "203.0.113.13";

    /// <summary>squid's address.</summary>
    public const string ProxyAddress = "203.0.113.20";

    /// <summary>mitmproxy's address.</summary>
    public const string InspectorAddress = "203.0.113.21";

    /// <summary>squid's port that lets clients CONNECT to 443.</summary>
    public const int OpenProxyPort = 3128;

    /// <summary>squid's port that demands Basic credentials (realm <see cref="ProxyRealm"/>).</summary>
    public const int AuthProxyPort = 3129;

    /// <summary>squid's port that refuses every CONNECT (403).</summary>
    public const int DenyProxyPort = 3130;

    /// <summary>mitmproxy's port.</summary>
    public const int InspectorPort = 8080;

    /// <summary>The proxy user of the authenticating port.</summary>
    public const string ProxyUser = "labuser";

    /// <summary>Its password.</summary>
    public const string ProxyPassword = "labpass";

    /// <summary>The realm squid challenges with.</summary>
    public const string ProxyRealm = "lab-proxy";

    /// <summary>The HTTPS/WSS port.</summary>
    public const int TlsPort = 443;

    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(15);

    /// <summary>Adds <paramref name="address"/>/24 to the server namespace (the NAT reaches it on its public link).</summary>
    public static Task AddServerAddressAsync(this NetworkLab lab, string address) =>
        lab.Server.CheckedAsync("ip", new[] { "addr", "add", address + "/24", "dev", "v-srv" }, CommandLimit);

    /// <summary>
    /// Lets TCP 443 of <paramref name="address"/> reach its own listener although coturn's lab
    /// redirects TCP 443 of the server namespace to its 3478 (<see cref="NetworkLab.StartCoturnAsync"/>).
    /// </summary>
    public static Task ExemptFromTurnRedirectAsync(this NetworkLab lab, string address) =>
        lab.Server.CheckedAsync("iptables", new[] { "-w", "-t", "nat", "-I", "PREROUTING", "1", "-d", address, "-p", "tcp", "--dport", TlsPort.ToString(CultureInfo.InvariantCulture), "-j", "RETURN" }, CommandLimit);

    /// <summary>
    /// Starts squid 5 on <see cref="ProxyAddress"/> with three ports: <see cref="OpenProxyPort"/>
    /// (CONNECT to 443 allowed), <see cref="AuthProxyPort"/> (Basic, <see cref="ProxyUser"/>) and
    /// <see cref="DenyProxyPort"/> (every CONNECT refused, 403). No cache, no DNS (IP literals only).
    /// </summary>
    public static async Task<ServerProcess> StartSquidAsync(this NetworkLab lab)
    {
        Require("squid", "squid");
        await lab.AddServerAddressAsync(ProxyAddress).ConfigureAwait(false);
        var directory = Path.Combine(lab.Directory, "squid");
        var log = Path.Combine(directory, "log");
        var run = Path.Combine(directory, "run");
        Directory.CreateDirectory(log);
        Directory.CreateDirectory(run);
        var htpasswd = Path.Combine(directory, "htpasswd");
        var hash = await BoundedProcess.CheckedAsync("openssl", new[] { "passwd", "-apr1", ProxyPassword }, CommandLimit).ConfigureAwait(false);
        File.WriteAllText(htpasswd, ProxyUser + ":" + hash.StandardOutput.Trim() + "\n");
        await BoundedProcess.CheckedAsync("chown", new[] { "-R", "proxy:", log, run }, CommandLimit).ConfigureAwait(false);
        var config = Path.Combine(directory, "squid.conf");
        File.WriteAllLines(config, new[]
        {
            "http_port " + ProxyAddress + ":" + OpenProxyPort + " name=open",
            "http_port " + ProxyAddress + ":" + AuthProxyPort + " name=auth",
            "http_port " + ProxyAddress + ":" + DenyProxyPort + " name=deny",
            "pid_filename " + Path.Combine(run, "squid.pid"),
            "cache_log " + Path.Combine(log, "cache.log"),
            "access_log stdio:" + Path.Combine(log, "access.log"),
            "cache_store_log none",
            "logfile_rotate 0",
            "coredump_dir " + run,
            "cache deny all",
            "netdb_filename none",
            "pinger_enable off",
            "dns_nameservers 127.0.0.1",
            "shutdown_lifetime 0 seconds",
            "cache_effective_user proxy",
            "visible_hostname lab-proxy",
            "auth_param basic program /usr/lib/squid/basic_ncsa_auth " + htpasswd,
            "auth_param basic realm " + ProxyRealm,
            "acl authed proxy_auth REQUIRED",
            "acl lab_clients src 10.0.0.0/24 203.0.113.0/24",
            "acl SSL_ports port " + TlsPort,
            "acl CONNECT method CONNECT",
            "acl auth_port myportname auth",
            "acl deny_port myportname deny",
            "http_access deny CONNECT !SSL_ports",
            "http_access deny deny_port CONNECT",
            "http_access deny auth_port !authed",
            "http_access allow lab_clients",
            "http_access deny all",
        });
        var proxy = IPAddress.Parse(ProxyAddress);
        return await lab.StartServerAsync(
            "squid",
            new[] { "-N", "-f", config },
            new[] { OpenProxyPort, AuthProxyPort, DenyProxyPort }.Select(p => LabChecks.TcpAccepts(lab.Server, new IPEndPoint(proxy, p))),
            ReadyLimit).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts mitmproxy (mitmdump, regular mode) on <see cref="InspectorAddress"/>:<see cref="InspectorPort"/>,
    /// verifying the servers it intercepts against <paramref name="upstreamCaPem"/>. It re-signs with
    /// its own CA, or with <paramref name="ownCaPem"/> (certificate and private key, PEM) when given.
    /// Returns the server and the path of the CA certificate (PEM) a client would have to trust.
    /// </summary>
    public static async Task<(ServerProcess Server, string CaCertificate)> StartMitmproxyAsync(this NetworkLab lab, string upstreamCaPem, string? ownCaPem = null)
    {
        Require("mitmdump", "mitmproxy");
        await lab.AddServerAddressAsync(InspectorAddress).ConfigureAwait(false);
        var confdir = Path.Combine(lab.Directory, "mitm-" + RandomNumberGenerator.GetHexString(6, lowercase: true));
        Directory.CreateDirectory(confdir);
        if (ownCaPem != null)
        {
            File.WriteAllText(Path.Combine(confdir, "mitmproxy-ca.pem"), ownCaPem);
        }

        var server = await lab.StartServerAsync(
            "env",
            new[] { "HOME=" + confdir, "mitmdump", "--listen-host", InspectorAddress, "--listen-port", InspectorPort.ToString(CultureInfo.InvariantCulture), "--set", "confdir=" + confdir, "--set", "ssl_verify_upstream_trusted_ca=" + upstreamCaPem },
            new[] { LabChecks.TcpAccepts(lab.Server, new IPEndPoint(IPAddress.Parse(InspectorAddress), InspectorPort)) },
            ReadyLimit).ConfigureAwait(false);
        return (server, ownCaPem != null ? Path.Combine(confdir, "mitmproxy-ca.pem") : Path.Combine(confdir, "mitmproxy-ca-cert.pem"));
    }

    /// <summary>
    /// Starts a second coturn on <see cref="TurnTlsAddress"/> with TURN over TLS on 443 (certificate and
    /// key PEM files given), long-term credentials as the lab's coturn; TCP 443 of that address is
    /// exempted from the lab coturn's redirect.
    /// </summary>
    public static async Task<ServerProcess> StartTlsCoturnAsync(this NetworkLab lab, string certificatePem, string keyPem)
    {
        Require("turnserver", "coturn");
        await lab.AddServerAddressAsync(TurnTlsAddress).ConfigureAwait(false);
        await lab.ExemptFromTurnRedirectAsync(TurnTlsAddress).ConfigureAwait(false);
        var directory = Path.Combine(lab.Directory, "turn-tls");
        Directory.CreateDirectory(directory);
        return await lab.StartServerAsync(
            "turnserver",
            new[]
            {
                "-n", "--no-cli", "--log-file=stdout", "--simple-log",
                "--pidfile=" + Path.Combine(directory, "turnserver.pid"),
                "--userdb=" + Path.Combine(directory, "turndb.sqlite"),
                "-L", TurnTlsAddress, "-E", TurnTlsAddress,
                "--listening-port=3478", "--tls-listening-port=" + TlsPort, "--no-dtls", "--no-udp",
                "--cert=" + certificatePem, "--pkey=" + keyPem,
                "--min-port=49200", "--max-port=49239",
                "--lt-cred-mech", "--user=" + NetworkLab.TurnUsername + ":" + NetworkLab.TurnPassword, "--realm=" + NetworkLab.TurnRealm,
                "--fingerprint",
            },
            new[] { LabChecks.TcpAccepts(lab.Server, new IPEndPoint(IPAddress.Parse(TurnTlsAddress), TlsPort)) },
            ReadyLimit).ConfigureAwait(false);
    }

    /// <summary>A TCP socket in the server namespace, for a listener run in this process (Kestrel).</summary>
    public static Socket OpenServerStreamSocket(this NetworkLab lab, AddressFamily family) => lab.Server.OpenSocket(family, SocketType.Stream, ProtocolType.Tcp);

    private static void Require(string tool, string package)
    {
        if (BoundedProcess.Find(tool) is null)
        {
            throw new InvalidOperationException("The signaling lab needs " + tool + " (apt-get install " + package + ").");
        }
    }
}
