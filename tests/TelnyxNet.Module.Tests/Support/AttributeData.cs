using System.Collections.ObjectModel;
using System.Reflection;

namespace TelnyxNet.Module.Tests.Support;

/// <summary>Reading System.Management.Automation attributes as metadata (CustomAttributeData), without instantiating them.</summary>
internal static class AttributeData
{
    private const string Namespace = "System.Management.Automation.";

    public static bool Is(CustomAttributeData attribute, string name) => attribute.AttributeType.FullName == Namespace + name;

    public static T? Named<T>(CustomAttributeData attribute, string name)
    {
        var value = NamedValue(attribute, name);
        return value is null ? default : (T)value.Value.Value!;
    }

    /// <summary>A named string[] argument (e.g. ParameterSetName of [OutputType]); empty when absent.</summary>
    public static IReadOnlyList<string> NamedStrings(CustomAttributeData attribute, string name)
    {
        var value = NamedValue(attribute, name);
        return value is null ? Array.Empty<string>() : Values(value.Value).Select(v => (string)v!).ToList();
    }

    private static CustomAttributeTypedArgument? NamedValue(CustomAttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.MemberName == name)
            {
                return argument.TypedValue;
            }
        }

        return null;
    }

    /// <summary>The elements of an array argument, or the single value of a scalar one.</summary>
    public static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : new[] { argument.Value };
}
