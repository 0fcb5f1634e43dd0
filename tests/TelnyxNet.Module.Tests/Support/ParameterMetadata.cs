using System.Globalization;
using System.Reflection;

namespace TelnyxNet.Module.Tests.Support;

/// <summary>A cmdlet parameter as PowerShell binds it: a public property carrying one or more [Parameter].</summary>
public sealed class ParameterMetadata
{
    private ParameterMetadata(PropertyInfo property, IList<CustomAttributeData> attributes)
    {
        Name = property.Name;
        Type = property.PropertyType;
        Bindings = attributes.Where(a => AttributeData.Is(a, "ParameterAttribute")).Select(ToBinding).ToList();
        Aliases = attributes.Where(a => AttributeData.Is(a, "AliasAttribute"))
            .SelectMany(a => AttributeData.Values(a.ConstructorArguments[0]))
            .Select(v => (string)v!)
            .ToList();
        var range = attributes.FirstOrDefault(a => AttributeData.Is(a, "ValidateRangeAttribute"));
        if (range != null && range.ConstructorArguments.Count == 2)
        {
            Range = (Invariant(range.ConstructorArguments[0].Value), Invariant(range.ConstructorArguments[1].Value));
        }

        var set = attributes.FirstOrDefault(a => AttributeData.Is(a, "ValidateSetAttribute"));
        ValidateSet = set is null ? null : AttributeData.Values(set.ConstructorArguments[0]).Select(v => (string)v!).ToList();
        SupportsWildcards = attributes.Any(a => AttributeData.Is(a, "SupportsWildcardsAttribute"));
        IsCredential = attributes.Any(a => AttributeData.Is(a, "CredentialAttribute"));
    }

    public string Name { get; }

    public Type Type { get; }

    /// <summary>The type as help shows it: String[], Int32, SwitchParameter, TransportProtocol.</summary>
    public string TypeName => Type.Name;

    public bool IsSwitch => Type.FullName == "System.Management.Automation.SwitchParameter";

    public IReadOnlyList<string> Aliases { get; }

    public IReadOnlyList<ParameterBinding> Bindings { get; }

    /// <summary>[ValidateRange] bounds, as invariant text.</summary>
    public (string Min, string Max)? Range { get; }

    /// <summary>[ValidateSet] values.</summary>
    public IReadOnlyList<string>? ValidateSet { get; }

    public bool SupportsWildcards { get; }

    /// <summary>True when the parameter carries [Credential], so that a user name alone prompts for the password.</summary>
    public bool IsCredential { get; }

    /// <summary>The values PowerShell accepts: the [ValidateSet] values, or the names of an enum or of an array's enum elements; empty when any value goes.</summary>
    public IReadOnlyList<string> AcceptedValues
    {
        get
        {
            var element = Type.IsArray ? Type.GetElementType()! : Type;
            return ValidateSet
                ?? (element.IsEnum ? element.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToList() : Array.Empty<string>());
        }
    }

    public bool IsInAllSets => Bindings.Any(b => b.ParameterSetName == CmdletMetadata.AllParameterSets);

    public bool AcceptsPipelineInput => Bindings.Any(b => b.ValueFromPipeline || b.ValueFromPipelineByPropertyName);

    /// <summary>The binding that applies in <paramref name="set"/>, or null when the parameter is not in it.</summary>
    public ParameterBinding? BindingIn(string set) =>
        Bindings.FirstOrDefault(b => b.ParameterSetName == set) ?? Bindings.FirstOrDefault(b => b.ParameterSetName == CmdletMetadata.AllParameterSets);

    internal static ParameterMetadata? TryCreate(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        return attributes.Any(a => AttributeData.Is(a, "ParameterAttribute")) ? new ParameterMetadata(property, attributes) : null;
    }

    public override string ToString() => "-" + Name;

    private static ParameterBinding ToBinding(CustomAttributeData parameter)
    {
        var position = AttributeData.Named<int?>(parameter, "Position");
        return new ParameterBinding(
            AttributeData.Named<string>(parameter, "ParameterSetName") ?? CmdletMetadata.AllParameterSets,
            AttributeData.Named<bool?>(parameter, "Mandatory") ?? false,
            position is null || position == int.MinValue ? null : position,
            AttributeData.Named<bool?>(parameter, "ValueFromPipeline") ?? false,
            AttributeData.Named<bool?>(parameter, "ValueFromPipelineByPropertyName") ?? false);
    }

    private static string Invariant(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
