using System.CommandLine;
using System.CommandLine.Parsing;
using TelnyxNet.Engine.Dns;

namespace TelnyxNet.Cli.Commands;

/// <summary>Options that the probe subcommands spell alike: --server, --family and --timeout, and range checks.</summary>
internal static class ProbeArguments
{
    /// <summary><c>--server X</c>, repeatable, one value per occurrence.</summary>
    public static Option<string[]> Servers(string description) => new("--server", "-s")
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary><c>--family any|ipv4|ipv6</c>.</summary>
    public static Option<string> Family()
    {
        var family = new Option<string>("--family", "-f") { Description = "any (default), ipv4 or ipv6: which resolved addresses to test.", DefaultValueFactory = _ => "any" };
        family.AcceptOnlyFromAmong("any", "ipv4", "ipv6");
        return family;
    }

    /// <summary>The value of <see cref="Family"/>.</summary>
    public static AddressFamilyPreference FamilyOf(ParseResult parse, Option<string> family) =>
        Enum.Parse<AddressFamilyPreference>(parse.GetValue(family)!, ignoreCase: true);

    /// <summary><c>--timeout S</c>, 1 to 600 seconds.</summary>
    public static Option<int> Timeout(int defaultSeconds)
    {
        var timeout = new Option<int>("--timeout") { Description = "Bound on the whole command, in seconds (1-600; default " + defaultSeconds + ").", DefaultValueFactory = _ => defaultSeconds };
        timeout.Validators.Add(r => CheckRange(r, 1, 600, "--timeout"));
        return timeout;
    }

    /// <summary>Adds a usage error when the option's value is outside <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static void CheckRange(OptionResult result, int min, int max, string name)
    {
        var value = result.GetValueOrDefault<int>();
        if (value < min || value > max)
        {
            result.AddError(name + " must be " + min + " to " + max + "; got " + value + ".");
        }
    }
}
