using System.Reflection;

namespace TelnyxNet.Module.Tests.Support;

/// <summary>What PowerShell reads from one cmdlet class: its [Cmdlet], [OutputType] and parameters.</summary>
public sealed class CmdletMetadata
{
    /// <summary>The parameter set a [Parameter] without ParameterSetName belongs to: every set.</summary>
    public const string AllParameterSets = "__AllParameterSets";

    internal CmdletMetadata(Type type)
    {
        Type = type;
        var attributes = type.GetCustomAttributesData();
        var cmdlet = attributes.Single(a => AttributeData.Is(a, "CmdletAttribute"));
        Verb = (string)cmdlet.ConstructorArguments[0].Value!;
        Noun = (string)cmdlet.ConstructorArguments[1].Value!;
        DefaultParameterSetName = AttributeData.Named<string>(cmdlet, "DefaultParameterSetName");
        OutputTypes = attributes.Where(a => AttributeData.Is(a, "OutputTypeAttribute")).SelectMany(OutputTypeMetadata.From).ToList();
        Parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(ParameterMetadata.TryCreate)
            .OfType<ParameterMetadata>()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var sets = Parameters.SelectMany(p => p.Bindings).Select(b => b.ParameterSetName).Where(s => s != AllParameterSets);
        if (DefaultParameterSetName != null)
        {
            sets = sets.Append(DefaultParameterSetName);
        }

        ParameterSets = sets.Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
        if (ParameterSets.Count == 0)
        {
            ParameterSets = new[] { AllParameterSets };
        }
    }

    public Type Type { get; }

    public string Verb { get; }

    public string Noun { get; }

    public string Name => Verb + "-" + Noun;

    public string? DefaultParameterSetName { get; }

    public IReadOnlyList<OutputTypeMetadata> OutputTypes { get; }

    /// <summary>The parameters the class declares (common parameters excluded), by name.</summary>
    public IReadOnlyList<ParameterMetadata> Parameters { get; }

    /// <summary>The parameter sets PowerShell builds: every named set plus the default one, or only __AllParameterSets.</summary>
    public IReadOnlyList<string> ParameterSets { get; }

    public static bool IsCmdlet(Type type) => type.GetCustomAttributesData().Any(a => AttributeData.Is(a, "CmdletAttribute"));

    /// <summary>The parameters of <paramref name="set"/>, with the binding that applies there.</summary>
    public IEnumerable<(ParameterMetadata Parameter, ParameterBinding Binding)> ParametersIn(string set) =>
        Parameters.Select(p => (Parameter: p, Binding: p.BindingIn(set))).Where(x => x.Binding != null).Select(x => (x.Parameter, x.Binding!));

    public override string ToString() => Name;
}

/// <summary>One type of one [OutputType] attribute.</summary>
/// <param name="Type">The type, when given with typeof; null when given as a string.</param>
/// <param name="TypeName">The type's full name, or the string as written.</param>
/// <param name="ParameterSets">The sets it applies to; empty for all.</param>
public sealed record OutputTypeMetadata(Type? Type, string TypeName, IReadOnlyList<string> ParameterSets)
{
    internal static IEnumerable<OutputTypeMetadata> From(CustomAttributeData attribute)
    {
        var sets = AttributeData.NamedStrings(attribute, "ParameterSetName");
        foreach (var value in AttributeData.Values(attribute.ConstructorArguments[0]))
        {
            yield return value is Type type
                ? new OutputTypeMetadata(type, type.FullName ?? type.Name, sets)
                : new OutputTypeMetadata(null, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, sets);
        }
    }
}

/// <summary>One [Parameter] attribute of a parameter: how it binds in one parameter set.</summary>
public sealed record ParameterBinding(string ParameterSetName, bool Mandatory, int? Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);
