using System.CommandLine;
using TelnyxNet.Engine.Signaling;

namespace TelnyxNet.Cli.Commands;

/// <summary>--proxy, --proxy-user and --no-proxy, as the signaling and firewall subcommands take them; the password never comes from the command line.</summary>
internal sealed class ProxyArguments
{
    /// <summary>Where the password of --proxy-user comes from (or a prompt on a terminal).</summary>
    public const string PasswordVariable = "TELNYXNET_PROXY_PASSWORD";

    public Option<string> Proxy { get; } = new("--proxy") { Description = "An HTTP proxy to go through (http://host:port or host:port), whatever HTTPS_PROXY or the system says." };

    public Option<string> User { get; } = new("--proxy-user") { Description = "The proxy's user name (Basic); its password comes from " + PasswordVariable + " or a prompt, never from the command line." };

    public Option<bool> NoProxy { get; } = new("--no-proxy") { Description = "Connect directly, whatever HTTPS_PROXY, NO_PROXY or the system settings say." };

    public void AddTo(Command command)
    {
        command.Options.Add(Proxy);
        command.Options.Add(User);
        command.Options.Add(NoProxy);
    }

    /// <summary>The proxy and its credential; false with a usage <paramref name="error"/>.</summary>
    public bool TryRead(ParseResult parse, out Uri? proxy, out ProxyCredential? credential, out string? error)
    {
        proxy = null;
        credential = null;
        error = null;
        var value = parse.GetValue(Proxy);
        var user = parse.GetValue(User);
        if (parse.GetValue(NoProxy) && (value != null || user != null))
        {
            error = "--no-proxy connects directly; it cannot be used with --proxy or --proxy-user.";
            return false;
        }

        ProxyCredential? fromUri = null;
        if (value != null && !ProxyAddress.TryParse(value, out proxy, out fromUri, out error))
        {
            error = "--proxy: " + error;
            return false;
        }

        user ??= fromUri?.Username;
        if (value != null && ProxyAddress.Redact(value) != value)
        {
            error = "--proxy: a password on the command line is visible to every user of this machine; give --proxy-user and put the password in " + PasswordVariable + ".";
            return false;
        }

        if (user is null)
        {
            return true;
        }

        using var password = SecretInput.Read(PasswordVariable, "the password of proxy user " + user, out error);
        if (password is null)
        {
            return false;
        }

        try
        {
            credential = ProxyCredential.FromPassword(user, password);
            return true;
        }
        catch (ArgumentException ex)
        {
            error = "--proxy-user: " + ex.Message;
            return false;
        }
    }
}
