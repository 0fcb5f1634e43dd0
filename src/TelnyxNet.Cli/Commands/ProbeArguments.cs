using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;

namespace TelnyxNet.Cli.Commands;

/// <summary>
/// Options that the probe subcommands spell alike (--server, --family, --timeout, --throttle) and
/// the typed option factories every subcommand uses: a bad value of any of them is one usage error
/// line that names the option and the value (exit code 2), never an exception.
/// </summary>
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
    public static Option<string> Family() =>
        Choice("--family", "-f", "any (default), ipv4 or ipv6: which resolved addresses to test.", "any", "any", "ipv4", "ipv6");

    /// <summary>The value of <see cref="Family"/>.</summary>
    public static AddressFamilyPreference FamilyOf(ParseResult parse, Option<string> family) =>
        Enum.Parse<AddressFamilyPreference>(parse.GetValue(family)!, ignoreCase: true);

    /// <summary><c>--timeout S</c>, 1 to 600 seconds.</summary>
    public static Option<int> Timeout(int defaultSeconds) =>
        Integer("--timeout", null, "Bound on each server's test, in seconds (1-600; default " + defaultSeconds + ").", defaultSeconds, 1, 600);

    /// <summary><c>--throttle N</c>: servers tested at once.</summary>
    public static Option<int> Throttle() =>
        Integer("--throttle", null, "Servers tested at once (1-" + ProbeOptions.MaxThrottleLimit + "; default " + ProbeOptions.DefaultThrottleLimit + "); the others wait for a turn.", ProbeOptions.DefaultThrottleLimit, 1, ProbeOptions.MaxThrottleLimit);

    /// <summary>
    /// A whole-number option from <paramref name="min"/> to <paramref name="max"/>. Its parser
    /// turns a value that is not a number, not whole, too large for a number, or out of range into
    /// one usage error naming the option and the value.
    /// </summary>
    public static Option<int> Integer(string name, string? alias, string description, int defaultValue, int min, int max)
    {
        var option = alias is null ? new Option<int>(name) : new Option<int>(name, alias);
        option.Description = description;
        option.DefaultValueFactory = _ => defaultValue;
        option.CustomParser = result =>
        {
            var text = Single(result);
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                result.AddError(name + ": '" + text + "' is not a whole number from " + min + " to " + max + ".");
                return defaultValue;
            }

            return value;
        };
        return option;
    }

    /// <summary>An option that takes one of <paramref name="allowed"/> (any case); another value is one usage error naming the option, the value and the choices.</summary>
    public static Option<string> Choice(string name, string? alias, string description, string defaultValue, params string[] allowed)
    {
        var option = alias is null ? new Option<string>(name) : new Option<string>(name, alias);
        option.Description = description;
        option.DefaultValueFactory = _ => defaultValue;
        option.CustomParser = result => OneOf(name, Single(result), allowed, result);
        option.CompletionSources.Add(allowed);
        return option;
    }

    /// <summary>A repeatable option whose every value is one of <paramref name="allowed"/>, checked as <see cref="Choice"/> does.</summary>
    public static Option<string[]> Choices(string name, string? alias, string description, params string[] allowed)
    {
        var option = alias is null ? new Option<string[]>(name) : new Option<string[]>(name, alias);
        option.Description = description;
        option.Arity = ArgumentArity.OneOrMore;
        option.AllowMultipleArgumentsPerToken = false;
        option.CustomParser = result => result.Tokens.Select(t => OneOf(name, t.Value, allowed, result)).ToArray();
        option.CompletionSources.Add(allowed);
        return option;
    }

    private static string OneOf(string name, string text, string[] allowed, ArgumentResult result)
    {
        var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            result.AddError(name + ": '" + text + "' is not one of " + string.Join(", ", allowed) + ".");
            return allowed[0];
        }

        return match;
    }

    /// <summary>The one token of a single-value option (the last one when it was given twice).</summary>
    private static string Single(ArgumentResult result) => result.Tokens.Count == 0 ? string.Empty : result.Tokens[result.Tokens.Count - 1].Value;
}
