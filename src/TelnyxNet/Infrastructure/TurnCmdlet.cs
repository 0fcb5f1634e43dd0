using System.Management.Automation;
using System.Security;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Infrastructure;

/// <summary>
/// The parameters of the cmdlets that go through a TURN relay (Test-TelnyxTurn,
/// Measure-TelnyxMediaPath), spelt and checked alike: the servers (from the pipeline too), the
/// transports, the credential (a user and password, or a TURN REST API shared secret) and the
/// address family. A derived cmdlet reads <see cref="Servers"/> and <see cref="TurnCredential"/>
/// in its EndProcessing.
/// </summary>
public abstract class TurnCmdlet : AsyncCmdlet
{
    private readonly List<TurnServerAddress> _servers = new();
    private bool _serverGiven;

    /// <summary>Servers: turn:/turns: URIs (RFC 7065), host, host:port or [IPv6]:port. Default: turn.telnyx.com over UDP 3478, TCP 3478, TCP 443 and TLS 443.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ComputerName", "Uri", "Urls")]
    [ValidateNotNull]
    public string[]? Server { get; set; }

    /// <summary>Only these transports (Udp, Tcp, Tls); servers and URIs of other transports are left out.</summary>
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

    /// <summary>The credential the parameters name.</summary>
    protected TurnCredential TurnCredential { get; private set; } = TurnCredential.TelnyxDefault;

    /// <summary>The servers to test: those given, or Telnyx's defaults for -Transport; empty when every value given was invalid or left out.</summary>
    protected IReadOnlyList<TurnServerAddress> Servers => _serverGiven ? _servers : TelnyxEndpoints.DefaultTurnServers(Transport);

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
            TurnCredential = SharedSecret != null
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
        foreach (var value in Server ?? Array.Empty<string>())
        {
            _serverGiven = true;
            if (!TurnServerAddress.TryParse(value, Transport, out var servers, out var error))
            {
                WriteError(new ErrorRecord(new ArgumentException(error), ErrorIds.InvalidServer, ErrorCategory.InvalidArgument, value));
            }
            else if (servers.Count == 0)
            {
                WriteVerbose("'" + value + "' is not tested: its transport is not among -Transport " + string.Join(", ", Transport!) + ".");
            }

            _servers.AddRange(servers);
        }
    }

    private void Fail(string errorId, ArgumentException exception) =>
        ThrowTerminatingError(new ErrorRecord(exception, errorId, ErrorCategory.InvalidArgument, null));
}
