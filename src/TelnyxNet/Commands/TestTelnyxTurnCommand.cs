using System.Management.Automation;
using System.Security;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Tests TURN allocation and relaying (RFC 8656) against Telnyx's TURN server or any other.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TelnyxTurn", DefaultParameterSetName = ResultSet)]
[OutputType(typeof(TurnAllocationResult), ParameterSetName = new[] { ResultSet })]
[OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
public sealed class TestTelnyxTurnCommand : AsyncCmdlet
{
    private const string ResultSet = "Result";
    private const string QuietSet = "Quiet";
    private readonly List<TurnServerAddress> _servers = new();
    private bool _serverGiven;
    private TurnCredential _credential = TurnCredential.TelnyxDefault;

    /// <summary>
    /// Servers: turn:/turns: URIs (RFC 7065), host, host:port or [IPv6]:port; WebRTC iceServers
    /// entries (their turn:/turns: URLs, tested with the entry's own username and credential);
    /// objects with Server and Port. Default: turn.telnyx.com over UDP 3478, TCP 3478, TCP 443 and TLS 443.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [Alias("Uri", "Urls")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public object[]? Server { get; set; }

    /// <summary>Tests only these transports (Udp, Tcp, Tls); servers and URIs of other transports are left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public TransportProtocol[]? Transport { get; set; }

    /// <summary>A TURN user name and password. Default: the Telnyx WebRTC SDK's public default credential.</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>A TURN REST API shared secret: the user name is "expiry:Username" (valid 1 hour), the password base64(HMAC-SHA1(secret, user name)).</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? SharedSecret { get; set; }

    /// <summary>The name part of the -SharedSecret user name. Default: telnyxnet.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Username { get; set; }

    /// <summary>Any (default), IPv4 or IPv6: which resolved addresses to test.</summary>
    [Parameter]
    public AddressFamilyPreference AddressFamily { get; set; } = AddressFamilyPreference.Any;

    /// <summary>The bound on the whole test, in seconds (1 to 600). Default 10.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Allocates only, without proving that the relay forwards data.</summary>
    [Parameter]
    public SwitchParameter SkipRelayCheck { get; set; }

    /// <summary>Returns only $true when at least one transport relayed successfully, else $false.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (Credential != null && SharedSecret != null)
        {
            Fail(ErrorIds.ConflictingCredentials, new ArgumentException("-Credential and -SharedSecret cannot be used together: give a user name and password, or a shared secret."));
        }

        if (Username != null && SharedSecret is null)
        {
            Fail(ErrorIds.ConflictingCredentials, new ArgumentException("-Username names the user of a -SharedSecret credential; with -Credential the user name is the credential's own."));
        }

        try
        {
            _credential = SharedSecret != null
                ? TurnCredential.FromSharedSecret(SharedSecret, Username)
                : Credential != null ? TurnCredential.FromPassword(Credential.UserName, Credential.Password) : TurnCredential.TelnyxDefault;
        }
        catch (ArgumentException ex)
        {
            Fail(ErrorIds.InvalidCredential, ex);
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var argument in (Server ?? Array.Empty<object>()).Select(ServerArgument.Read).OfType<ServerArgument>())
        {
            _serverGiven = true;
            var own = argument.HasCredential ? TurnCredential.FromIceServer(argument.Username!, argument.SecurePassword()) : null;
            foreach (var url in argument.Urls)
            {
                if (argument.FromIceServer && url.StartsWith("stun", StringComparison.OrdinalIgnoreCase))
                {
                    WriteVerbose("'" + url + "' is a STUN URL: Test-TelnyxStun tests it.");
                    continue;
                }

                if (!TurnServerAddress.TryParse(url, Transport, out var servers, out var problem))
                {
                    WriteError(ServerErrors.Record(problem!, argument.Target));
                    continue;
                }

                _servers.AddRange(own is null ? servers : servers.Select(s => s.WithCredential(own)));
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_serverGiven && _servers.Count == 0)
        {
            WriteVerbose("No server to test.");
            if (Quiet)
            {
                WriteObject(false);
            }

            return;
        }

        var options = new TurnAllocationOptions
        {
            Servers = _serverGiven ? _servers : TelnyxEndpoints.DefaultTurnServers(Transport),
            Credential = _credential,
            AddressFamily = AddressFamily,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            SkipRelayCheck = SkipRelayCheck,
        };
        var results = RunEngine((log, progress, token) => TurnAllocationProbe.RunAsync(options, log, progress, token));
        if (Quiet)
        {
            WriteObject(TurnAllocationProbe.Passed(results));
            return;
        }

        WriteObject(results, enumerateCollection: true);
    }

    private void Fail(string errorId, ArgumentException exception) =>
        ThrowTerminatingError(new ErrorRecord(exception, errorId, ErrorCategory.InvalidArgument, null));
}
