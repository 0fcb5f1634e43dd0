using System.CommandLine;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Cli.Commands;

/// <summary>
/// The options of the subcommands that go through a TURN relay (<c>turn</c>, <c>media</c>), spelt
/// alike: <c>--server</c>, <c>--transport</c>, <c>--username</c>, <c>--shared-secret</c>; and how
/// they become servers and a credential (<see cref="Credential(string?, bool, out string?)"/>, which
/// <c>ice</c> shares). Passwords and secrets never come from the command line.
/// </summary>
internal sealed class TurnArguments
{
    /// <summary>Where the password of --username comes from (or a prompt on a terminal).</summary>
    public const string PasswordVariable = "TELNYXNET_TURN_PASSWORD";

    /// <summary>Where the shared secret of --shared-secret comes from (or a prompt on a terminal).</summary>
    public const string SecretVariable = "TELNYXNET_TURN_SECRET";

    public TurnArguments(string serverDescription)
    {
        Server = ProbeArguments.Servers(serverDescription);
        Transport = ProbeArguments.Choices("--transport", "-t", "Only these transports: udp, tcp or tls (repeat for several). A plain host is tried over udp and tcp unless this says otherwise.", "udp", "tcp", "tls");
        Username = new Option<string>("--username", "-u")
        {
            Description = "TURN user name; its password comes from " + PasswordVariable + " or a prompt, never from the command line. With --shared-secret: the name in the user name 'expiry:name' (default " + TelnyxEndpoints.TurnRestName + "). Without either, the Telnyx WebRTC SDK's public default credential.",
        };
        SharedSecret = new Option<bool>("--shared-secret")
        {
            Description = "Use a TURN REST API credential derived from the shared secret in " + SecretVariable + " (or a prompt): user name 'expiry:name', valid 1 hour, password base64(HMAC-SHA1(secret, user name)).",
        };
    }

    public Option<string[]> Server { get; }

    public Option<string[]> Transport { get; }

    public Option<string> Username { get; }

    public Option<bool> SharedSecret { get; }

    /// <summary>Adds the four options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Transport);
        command.Options.Add(Username);
        command.Options.Add(SharedSecret);
    }

    /// <summary>
    /// The servers and the credential the options name, or false after saying on standard error
    /// what makes them unusable (the command then exits 2). <paramref name="usageError"/> is set
    /// when some --server values were bad but others can still be tested.
    /// </summary>
    public bool TryRead(ParseResult parse, out IReadOnlyList<TurnServerAddress> servers, out TurnCredential credential, out bool usageError)
    {
        credential = TurnCredential.TelnyxDefault;
        servers = Servers(parse, out usageError) ?? Array.Empty<TurnServerAddress>();
        if (servers.Count == 0)
        {
            return false;
        }

        if (Credential(parse.GetValue(Username), parse.GetValue(SharedSecret), out var error) is not TurnCredential given)
        {
            Console.Error.WriteLine("telnyxnet: " + error);
            return false;
        }

        credential = given;
        return true;
    }

    /// <summary>The credential --username and --shared-secret ask for (turn, media and ice alike); null with <paramref name="error"/> when its secret is missing or it is not valid.</summary>
    public static TurnCredential? Credential(string? username, bool sharedSecret, out string? error)
    {
        error = null;
        if (!sharedSecret && username is null)
        {
            return TurnCredential.TelnyxDefault;
        }

        if (username is not null && TurnCredential.UsernameError(username) is string invalid)
        {
            error = "--username: " + invalid;
            return null;
        }

        var secret = sharedSecret
            ? SecretInput.Read(SecretVariable, "the TURN shared secret", out error)
            : SecretInput.Read(PasswordVariable, "the password of TURN user " + username, out error);
        if (secret is null)
        {
            return null;
        }

        using (secret)
        {
            return sharedSecret ? TurnCredential.FromSharedSecret(secret, username) : TurnCredential.FromPassword(username!, secret);
        }
    }

    /// <summary>
    /// The servers to test: the --server values (each bad one, or one whose transport --transport
    /// leaves out, reported on standard error with <paramref name="usageError"/> set), or Telnyx's
    /// defaults; null when no value given can be tested.
    /// </summary>
    private IReadOnlyList<TurnServerAddress>? Servers(ParseResult parse, out bool usageError)
    {
        var filter = parse.GetValue(Transport)?.Select(t => Enum.Parse<TransportProtocol>(t, ignoreCase: true)).ToList();
        var servers = new List<TurnServerAddress>();
        usageError = false;
        var values = parse.GetValue(Server) ?? Array.Empty<string>();
        foreach (var value in values)
        {
            if (!TurnServerAddress.TryParse(value, filter, out var parsed, out var problem))
            {
                Console.Error.WriteLine("telnyxnet: " + problem!.Message);
                usageError = true;
            }

            servers.AddRange(parsed);
        }

        if (values.Length > 0 && servers.Count == 0)
        {
            return null;
        }

        return servers.Count > 0 ? servers : TelnyxEndpoints.DefaultTurnServers(filter);
    }
}
