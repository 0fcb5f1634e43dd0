using System.Security;

namespace TelnyxNet.Cli.Commands;

/// <summary>
/// Reads a password or secret for the CLI from an environment variable or, only when standard
/// input is a terminal, from a prompt that does not echo. Never from the command line, where other
/// users of the machine could read it in the process list and the shell would keep it in its history.
/// </summary>
internal static class SecretInput
{
    /// <summary>The secret from <paramref name="variable"/> or the prompt; null with <paramref name="error"/> when there is none.</summary>
    public static SecureString? Read(string variable, string what, out string? error)
    {
        error = null;
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(value))
        {
            return Secure(value);
        }

        if (Console.IsInputRedirected)
        {
            error = what + " is needed: set the environment variable " + variable + ", or run on a terminal to be prompted (it is never taken from the command line).";
            return null;
        }

        var secret = Prompt(what);
        if (secret.Length == 0)
        {
            error = "no " + what + " was entered.";
            return null;
        }

        return secret;
    }

    private static SecureString Prompt(string what)
    {
        Console.Error.Write(char.ToUpperInvariant(what[0]) + what.Substring(1) + ": ");
        var secret = new SecureString();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.RemoveAt(secret.Length - 1);
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.AppendChar(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        secret.MakeReadOnly();
        return secret;
    }

    private static SecureString Secure(string value)
    {
        var secret = new SecureString();
        foreach (var c in value)
        {
            secret.AppendChar(c);
        }

        secret.MakeReadOnly();
        return secret;
    }
}
