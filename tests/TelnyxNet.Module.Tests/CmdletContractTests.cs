using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

[Collection(BuiltModuleCollection.Name)]
public sealed class CmdletContractTests
{
    /// <summary>What a cmdlet may return besides engine types: plain values such as -Quiet's bool.</summary>
    private static readonly HashSet<string> SystemOutputTypes = new(StringComparer.Ordinal)
    {
        "System.Boolean", "System.String", "System.Int32", "System.Int64", "System.Double", "System.DateTimeOffset", "System.TimeSpan",
    };

    private readonly ModuleAssemblies _module;

    public CmdletContractTests(ModuleAssemblies module) => _module = module;

    [Fact]
    public void The_module_defines_cmdlets() => Assert.NotEmpty(_module.Cmdlets);

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb() =>
        Problems.None(_module.Cmdlets.Where(c => !ApprovedVerbs.All.Contains(c.Verb)).Select(c => c.Name + ": '" + c.Verb + "' is not an approved verb (Get-Verb)"));

    [Fact]
    public void Every_cmdlet_noun_is_prefixed_with_Telnyx() =>
        Problems.None(_module.Cmdlets.Where(c => !c.Noun.StartsWith("Telnyx", StringComparison.Ordinal)).Select(c => c.Name));

    [Fact]
    public void Every_cmdlet_class_is_public_and_sealed() =>
        Problems.None(_module.Cmdlets.Where(c => !c.Type.IsPublic || !c.Type.IsSealed).Select(c => c.Type.FullName));

    [Fact]
    public void Every_cmdlet_class_is_named_for_its_cmdlet() =>
        Problems.None(_module.Cmdlets.Where(c => c.Type.Name != c.Verb + c.Noun + "Command").Select(c => c.Type.FullName + " should be named " + c.Verb + c.Noun + "Command"));

    [Fact]
    public void Every_cmdlet_derives_from_PSCmdlet() =>
        Problems.None(_module.Cmdlets.Where(c => !BaseTypes(c.Type).Any(t => t.FullName == "System.Management.Automation.PSCmdlet")).Select(c => c.Name));

    [Fact]
    public void Every_cmdlet_declares_its_output_types() =>
        Problems.None(_module.Cmdlets.Where(c => c.OutputTypes.Count == 0).Select(c => c.Name + " has no [OutputType]"));

    [Fact]
    public void Output_types_are_public_engine_types_or_plain_system_values()
    {
        var problems = new List<string>();
        foreach (var cmdlet in _module.Cmdlets)
        {
            foreach (var output in cmdlet.OutputTypes)
            {
                if (output.Type is null)
                {
                    problems.Add(cmdlet.Name + ": [OutputType('" + output.TypeName + "')] names a type by string; use typeof");
                }
                else if (_module.IsEngineType(output.Type))
                {
                    if (!output.Type.IsPublic)
                    {
                        problems.Add(cmdlet.Name + ": " + output.TypeName + " is not a public top-level type");
                    }
                }
                else if (!SystemOutputTypes.Contains(output.TypeName))
                {
                    problems.Add(cmdlet.Name + ": " + output.TypeName + " is neither a TelnyxNet.Engine type nor a plain System value");
                }
            }
        }

        Problems.None(problems);
    }

    [Fact]
    public void Every_parameter_set_has_an_output_type_and_every_output_type_a_real_set()
    {
        var problems = new List<string>();
        foreach (var cmdlet in _module.Cmdlets)
        {
            var declared = cmdlet.OutputTypes.SelectMany(o => o.ParameterSets).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(declared.Except(cmdlet.ParameterSets).Select(s => cmdlet.Name + ": [OutputType] names the unknown parameter set " + s));
            if (!cmdlet.OutputTypes.Any(o => o.ParameterSets.Count == 0))
            {
                problems.AddRange(cmdlet.ParameterSets.Except(declared).Select(s => cmdlet.Name + ": no [OutputType] for parameter set " + s));
            }
        }

        Problems.None(problems);
    }

    [Fact]
    public void A_cmdlet_with_several_parameter_sets_names_a_default_one() =>
        Problems.None(_module.Cmdlets
            .Where(c => c.ParameterSets.Count > 1 && (c.DefaultParameterSetName is null || !c.ParameterSets.Contains(c.DefaultParameterSetName)))
            .Select(c => c.Name));

    [Fact]
    public void No_two_parameters_of_a_set_share_a_position()
    {
        var problems = new List<string>();
        foreach (var cmdlet in _module.Cmdlets)
        {
            foreach (var set in cmdlet.ParameterSets)
            {
                problems.AddRange(cmdlet.ParametersIn(set)
                    .Where(p => p.Binding.Position != null)
                    .GroupBy(p => p.Binding.Position)
                    .Where(g => g.Count() > 1)
                    .Select(g => cmdlet.Name + " [" + set + "]: position " + g.Key + " is taken by " + string.Join(", ", g.Select(p => p.Parameter))));
            }
        }

        Problems.None(problems);
    }

    [Fact]
    public void No_parameter_takes_a_secret_as_plain_text()
    {
        var secretWords = new[] { "Password", "Secret", "Credential", "Key", "Token" };
        var secretTypes = new[] { "System.Security.SecureString", "System.Management.Automation.PSCredential" };
        Problems.None(_module.Cmdlets
            .SelectMany(c => c.Parameters.Select(p => (Cmdlet: c, Parameter: p)))
            .Where(x => secretWords.Any(w => x.Parameter.Name.Contains(w, StringComparison.OrdinalIgnoreCase)) && !secretTypes.Contains(x.Parameter.Type.FullName))
            .Select(x => x.Cmdlet.Name + " -" + x.Parameter.Name + " is a " + x.Parameter.TypeName + "; secrets are SecureString or PSCredential (rule 7)"));
    }

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var t = type.BaseType; t != null; t = t.BaseType)
        {
            yield return t;
        }
    }
}
