using System.Globalization;
using System.Text.RegularExpressions;
using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

/// <summary>
/// docs/en-US/&lt;Verb-Noun&gt;.md for every cmdlet, in the platyPS (schema 2.0.0) layout that
/// New-ExternalHelp turns into TelnyxNet.dll-Help.xml, and in agreement with the cmdlet's metadata.
/// </summary>
[Collection(BuiltModuleCollection.Name)]
public sealed class CmdletHelpTests
{
    private static readonly string[] Sections = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };
    private static readonly string[] YamlKeys = { "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters" };
    private static readonly Regex ExampleTitle = new(@"^Example (\d+): \S", RegexOptions.CultureInvariant);
    private static readonly Regex MarkdownLink = new(@"\[[^\]]+\]\([^)\s]+\)", RegexOptions.CultureInvariant);
    private static readonly Regex SyntaxParameter = new(@"(?<=[\[\s])-(\w+)", RegexOptions.CultureInvariant);
    private readonly ModuleAssemblies _module;

    public CmdletHelpTests(ModuleAssemblies module) => _module = module;

    private IEnumerable<(CmdletMetadata Cmdlet, MarkdownSection Help)> Helps =>
        _module.Cmdlets.Where(c => File.Exists(HelpPath(c))).Select(c => (c, Body(c)));

    [Fact]
    public void Every_cmdlet_has_a_help_file() =>
        Problems.None(_module.Cmdlets.Where(c => !File.Exists(HelpPath(c))).Select(c => HelpPath(c) + " is missing"));

    [Fact]
    public void Every_help_file_is_for_a_cmdlet_or_an_about_topic()
    {
        var expected = _module.Cmdlets.Select(c => c.Name + ".md").ToHashSet(StringComparer.Ordinal);
        Problems.None(Directory.GetFiles(BuiltModule.DocsDirectory)
            .Select(Path.GetFileName)
            .Where(f => !expected.Contains(f!) && !(f!.StartsWith("about_", StringComparison.Ordinal) && f.EndsWith(".md", StringComparison.Ordinal)))
            .Select(f => f + " documents no cmdlet of the module"));
    }

    [Fact]
    public void Help_files_carry_the_platyPS_header()
    {
        var manifest = PowerShellDataFile.Load(BuiltModule.ManifestPath);
        var data = (IReadOnlyDictionary<string, object?>)((IReadOnlyDictionary<string, object?>)manifest["PrivateData"]!)["PSData"]!;
        var project = ((string)data["ProjectUri"]!).TrimEnd('/');
        var problems = new List<string>();
        foreach (var cmdlet in _module.Cmdlets.Where(c => File.Exists(HelpPath(c))))
        {
            var metadata = MarkdownDocument.Load(HelpPath(cmdlet)).Metadata;
            Expect(problems, cmdlet, "external help file", "TelnyxNet.dll-Help.xml", metadata.GetValueOrDefault("external help file"));
            Expect(problems, cmdlet, "Module Name", BuiltModule.Name, metadata.GetValueOrDefault("Module Name"));
            Expect(problems, cmdlet, "online version", project + "/blob/main/docs/en-US/" + cmdlet.Name + ".md", metadata.GetValueOrDefault("online version"));
            Expect(problems, cmdlet, "schema", "2.0.0", metadata.GetValueOrDefault("schema"));
        }

        Problems.None(problems);
    }

    [Fact]
    public void Help_files_have_the_platyPS_sections_in_order()
    {
        var problems = new List<string>();
        foreach (var cmdlet in _module.Cmdlets.Where(c => File.Exists(HelpPath(c))))
        {
            var root = MarkdownDocument.Load(HelpPath(cmdlet)).Root;
            if (root.Children.Count != 1 || root.Children[0].Level != 1 || root.Children[0].Title != cmdlet.Name)
            {
                problems.Add(cmdlet.Name + ": the file must have exactly one '# " + cmdlet.Name + "' heading");
                continue;
            }

            var titles = root.Children[0].Children.Select(s => s.Title).ToList();
            if (!titles.SequenceEqual(Sections))
            {
                problems.Add(cmdlet.Name + ": sections are [" + string.Join(", ", titles) + "], expected [" + string.Join(", ", Sections) + "]");
            }
        }

        Problems.None(problems);
    }

    [Fact]
    public void Synopsis_description_and_notes_are_written()
    {
        var problems = new List<string>();
        foreach (var (cmdlet, help) in Helps)
        {
            problems.AddRange(new[] { "SYNOPSIS", "DESCRIPTION", "NOTES" }
                .Where(s => string.IsNullOrWhiteSpace(help.Child(s)?.Text))
                .Select(s => cmdlet.Name + ": ## " + s + " is empty"));
            if (help.Child("DESCRIPTION")?.Text.Length < 200)
            {
                problems.Add(cmdlet.Name + ": ## DESCRIPTION is too short to say what the cmdlet proves and what it does not");
            }
        }

        Problems.None(problems);
    }

    [Fact]
    public void Syntax_has_a_block_per_parameter_set_naming_its_parameters()
    {
        var problems = new List<string>();
        foreach (var (cmdlet, help) in Helps)
        {
            var blocks = help.Child("SYNTAX")?.Children ?? new List<MarkdownSection>();
            var expected = cmdlet.ParameterSets.Select(s => cmdlet.ParameterSets.Count > 1 && s == cmdlet.DefaultParameterSetName ? s + " (Default)" : s);
            var titles = blocks.Select(b => b.Title).ToList();
            if (!titles.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)))
            {
                problems.Add(cmdlet.Name + ": syntax blocks are [" + string.Join(", ", titles) + "], expected [" + string.Join(", ", expected) + "]");
                continue;
            }

            foreach (var set in cmdlet.ParameterSets)
            {
                var block = blocks.Single(b => b.Title == set || b.Title == set + " (Default)");
                if (block.CodeBlocks.Count != 1)
                {
                    problems.Add(cmdlet.Name + " [" + set + "]: expected one ``` block");
                    continue;
                }

                problems.AddRange(SyntaxProblems(cmdlet, set, Regex.Replace(block.CodeBlocks[0].Text, @"\s+", " ").Trim()).Select(p => cmdlet.Name + " [" + set + "]: " + p));
            }
        }

        Problems.None(problems);
    }

    [Fact]
    public void Every_cmdlet_has_at_least_three_numbered_examples_that_use_it()
    {
        var problems = new List<string>();
        foreach (var (cmdlet, help) in Helps)
        {
            var examples = help.Child("EXAMPLES")?.Children ?? new List<MarkdownSection>();
            if (examples.Count < 3)
            {
                problems.Add(cmdlet.Name + ": " + examples.Count + " examples, at least 3 expected");
            }

            for (var i = 0; i < examples.Count; i++)
            {
                var example = examples[i];
                var title = ExampleTitle.Match(example.Title);
                if (!title.Success || title.Groups[1].Value != (i + 1).ToString(CultureInfo.InvariantCulture))
                {
                    problems.Add(cmdlet.Name + ": '### " + example.Title + "' should read '### Example " + (i + 1) + ": <title>'");
                }

                if (!example.CodeBlocks.Any(b => b.Language == "powershell" && b.Text.Contains(cmdlet.Name, StringComparison.Ordinal)))
                {
                    problems.Add(cmdlet.Name + ": '" + example.Title + "' has no ```powershell block that calls " + cmdlet.Name);
                }

                if (example.Text.Length == 0)
                {
                    problems.Add(cmdlet.Name + ": '" + example.Title + "' does not explain itself");
                }
            }
        }

        Problems.None(problems);
    }

    [Fact]
    public void Every_parameter_and_only_those_has_a_section()
    {
        var problems = new List<string>();
        foreach (var (cmdlet, help) in Helps)
        {
            var sections = help.Child("PARAMETERS")?.Children ?? new List<MarkdownSection>();
            var documented = sections.Where(s => s.Title.StartsWith('-')).Select(s => s.Title.Substring(1)).ToList();
            var declared = cmdlet.Parameters.Select(p => p.Name).ToList();
            problems.AddRange(declared.Except(documented).Select(p => cmdlet.Name + ": -" + p + " is not documented"));
            problems.AddRange(documented.Except(declared).Select(p => cmdlet.Name + ": -" + p + " is documented but does not exist"));
            problems.AddRange(documented.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => cmdlet.Name + ": -" + g.Key + " is documented twice"));
            var common = sections.LastOrDefault();
            if (common?.Title != "CommonParameters" || !common.Text.Contains("about_CommonParameters", StringComparison.Ordinal))
            {
                problems.Add(cmdlet.Name + ": ## PARAMETERS must end with '### CommonParameters' linking about_CommonParameters");
            }
        }

        Problems.None(problems);
    }

    [Fact]
    public void Parameter_yaml_agrees_with_the_parameter_attributes()
    {
        var problems = new List<string>();
        foreach (var (cmdlet, help) in Helps)
        {
            foreach (var parameter in cmdlet.Parameters)
            {
                var section = help.Child("PARAMETERS")?.Child("-" + parameter.Name);
                if (section != null)
                {
                    problems.AddRange(ParameterProblems(cmdlet, parameter, section).Select(p => cmdlet.Name + " -" + parameter.Name + ": " + p));
                }
            }
        }

        Problems.None(problems);
    }

    [Fact]
    public void Validated_parameters_document_their_bounds()
    {
        var problems = new List<string>();
        foreach (var (cmdlet, help) in Helps)
        {
            foreach (var parameter in cmdlet.Parameters.Where(p => p.Range != null))
            {
                var text = help.Child("PARAMETERS")?.Child("-" + parameter.Name)?.Text ?? string.Empty;
                var (min, max) = parameter.Range!.Value;
                if (!Regex.IsMatch(text, @"\b" + Regex.Escape(min) + @"\b") || !Regex.IsMatch(text, @"\b" + Regex.Escape(max) + @"\b"))
                {
                    problems.Add(cmdlet.Name + " -" + parameter.Name + ": the description must state the range " + min + " to " + max);
                }
            }
        }

        Problems.None(problems);
    }

    [Fact]
    public void Inputs_name_the_type_of_every_pipeline_parameter()
    {
        var problems = new List<string>();
        foreach (var (cmdlet, help) in Helps)
        {
            var inputs = help.Child("INPUTS")?.Children.Select(c => c.Title).ToList() ?? new List<string>();
            problems.AddRange(cmdlet.Parameters.Where(p => p.AcceptsPipelineInput)
                .Select(p => p.Type.FullName!)
                .Where(t => !inputs.Contains(t))
                .Select(t => cmdlet.Name + ": ## INPUTS has no '### " + t + "'"));
            problems.AddRange(help.Child("INPUTS")?.Children.Where(c => c.Text.Length == 0).Select(c => cmdlet.Name + ": input " + c.Title + " is not explained") ?? Enumerable.Empty<string>());
        }

        Problems.None(problems);
    }

    [Fact]
    public void Outputs_name_every_output_type_and_nothing_else()
    {
        var problems = new List<string>();
        foreach (var (cmdlet, help) in Helps)
        {
            var outputs = help.Child("OUTPUTS")?.Children ?? new List<MarkdownSection>();
            var declared = cmdlet.OutputTypes.Select(o => o.TypeName).Distinct().ToList();
            var documented = outputs.Select(o => o.Title).ToList();
            problems.AddRange(declared.Except(documented).Select(t => cmdlet.Name + ": ## OUTPUTS has no '### " + t + "'"));
            problems.AddRange(documented.Except(declared).Select(t => cmdlet.Name + ": ## OUTPUTS names " + t + ", which is no [OutputType]"));
            problems.AddRange(outputs.Where(o => o.Text.Length == 0).Select(o => cmdlet.Name + ": output " + o.Title + " is not explained"));
        }

        Problems.None(problems);
    }

    [Fact]
    public void Related_links_point_to_the_about_topic()
    {
        var problems = new List<string>();
        foreach (var (cmdlet, help) in Helps)
        {
            var links = help.Child("RELATED LINKS")?.TextLines.Where(l => MarkdownLink.IsMatch(l)).ToList() ?? new List<string>();
            if (!links.Any(l => l.Contains("about_TelnyxNet", StringComparison.Ordinal)))
            {
                problems.Add(cmdlet.Name + ": ## RELATED LINKS does not link about_TelnyxNet");
            }
        }

        Problems.None(problems);
    }

    [Fact]
    public void Every_error_id_is_documented_with_its_fully_qualified_form()
    {
        var texts = _module.Cmdlets.Where(c => File.Exists(HelpPath(c))).ToDictionary(c => c, c => File.ReadAllText(HelpPath(c)));
        Problems.None(_module.ErrorIds
            .Where(id => !texts.Any(t => t.Value.Contains(id + "," + t.Key.Type.FullName, StringComparison.Ordinal)))
            .Select(id => "error id " + id + " appears in no cmdlet's help as " + id + ",<cmdlet class>"));
    }

    internal static string HelpPath(CmdletMetadata cmdlet) => Path.Combine(BuiltModule.DocsDirectory, cmdlet.Name + ".md");

    private static MarkdownSection Body(CmdletMetadata cmdlet) =>
        MarkdownDocument.Load(HelpPath(cmdlet)).Root.Child(cmdlet.Name) ?? new MarkdownSection(1, cmdlet.Name);

    private static void Expect(List<string> problems, CmdletMetadata cmdlet, string key, string expected, string? actual)
    {
        if (actual != expected)
        {
            problems.Add(cmdlet.Name + ": header '" + key + "' is '" + actual + "', expected '" + expected + "'");
        }
    }

    /// <summary>
    /// The syntax line as platyPS writes it: "[-Name &lt;Type&gt;]" optional, "-Name &lt;Type&gt;" mandatory,
    /// "[[-Name] &lt;Type&gt;]" optional positional, "[-Name] &lt;Type&gt;" mandatory positional; switches have no type.
    /// </summary>
    private static IEnumerable<string> SyntaxProblems(CmdletMetadata cmdlet, string set, string line)
    {
        if (!line.StartsWith(cmdlet.Name + " ", StringComparison.Ordinal) || !line.EndsWith("[<CommonParameters>]", StringComparison.Ordinal))
        {
            yield return "'" + line + "' must start with " + cmdlet.Name + " and end with [<CommonParameters>]";
        }

        var inSet = cmdlet.ParametersIn(set).ToList();
        foreach (var (parameter, binding) in inSet)
        {
            var name = "-" + parameter.Name;
            var type = parameter.IsSwitch ? string.Empty : " <" + parameter.TypeName + ">";
            var token = binding.Position != null
                ? (binding.Mandatory ? "[" + name + "]" + type : "[[" + name + "]" + type + "]")
                : (binding.Mandatory ? name + type : "[" + name + type + "]");
            var pattern = (binding.Mandatory && binding.Position is null ? @"(?<![\[\w])" : string.Empty) + Regex.Escape(token) + @"(?![\w\[])";
            if (!Regex.IsMatch(line, pattern))
            {
                yield return "expected '" + token + "' in '" + line + "'";
            }
        }

        foreach (Match named in SyntaxParameter.Matches(line))
        {
            if (!inSet.Any(p => p.Parameter.Name == named.Groups[1].Value))
            {
                yield return "-" + named.Groups[1].Value + " is not in parameter set " + set;
            }
        }
    }

    private static IEnumerable<string> ParameterProblems(CmdletMetadata cmdlet, ParameterMetadata parameter, MarkdownSection section)
    {
        if (section.Text.Length == 0)
        {
            yield return "no description";
        }

        var blocks = section.CodeBlocks.Where(b => b.Language == "yaml").Select(b => HelpYaml.Parse(b.Text)).ToList();
        if (blocks.Count == 0)
        {
            yield return "no ```yaml block";
            yield break;
        }

        var documentedSets = new List<string>();
        foreach (var yaml in blocks)
        {
            foreach (var key in YamlKeys.Where(k => !yaml.ContainsKey(k)))
            {
                yield return "the yaml block has no '" + key + ":'";
            }

            if (yaml.GetValueOrDefault("Type") != parameter.TypeName)
            {
                yield return "Type is '" + yaml.GetValueOrDefault("Type") + "', the parameter is " + parameter.TypeName;
            }

            if (!HelpYaml.List(yaml.GetValueOrDefault("Aliases")).Order(StringComparer.Ordinal).SequenceEqual(parameter.Aliases.Order(StringComparer.Ordinal)))
            {
                yield return "Aliases are '" + yaml.GetValueOrDefault("Aliases") + "', the parameter has [" + string.Join(", ", parameter.Aliases) + "]";
            }

            if (yaml.GetValueOrDefault("Accept wildcard characters") != (parameter.SupportsWildcards ? "True" : "False"))
            {
                yield return "Accept wildcard characters is '" + yaml.GetValueOrDefault("Accept wildcard characters") + "'";
            }

            if (parameter.AcceptedValues.Count > 0
                && !HelpYaml.List(yaml.GetValueOrDefault("Accepted values")).Order(StringComparer.Ordinal).SequenceEqual(parameter.AcceptedValues.Order(StringComparer.Ordinal)))
            {
                yield return "Accepted values are '" + yaml.GetValueOrDefault("Accepted values") + "', PowerShell accepts " + string.Join(", ", parameter.AcceptedValues);
            }

            // platyPS 0.14 builds a cmdlet's syntax only from these lines, so "(All)" would drop the
            // default set: a parameter of every set names each of the cmdlet's sets.
            var all = yaml.GetValueOrDefault("Parameter Sets") == "(All)";
            if (all && cmdlet.ParameterSets.Count > 1)
            {
                yield return "Parameter Sets is (All); name the sets (" + string.Join(", ", cmdlet.ParameterSets) + ") or platyPS drops the default set";
            }

            var sets = all ? new[] { CmdletMetadata.AllParameterSets } : HelpYaml.List(yaml.GetValueOrDefault("Parameter Sets"));
            documentedSets.AddRange(sets);
            foreach (var set in sets)
            {
                var binding = parameter.BindingIn(set);
                if (binding is null)
                {
                    yield return "Parameter Sets names " + set + ", which the parameter has no [Parameter] for";
                    continue;
                }

                var pipeline = new[] { binding.ValueFromPipelineByPropertyName ? "ByPropertyName" : null, binding.ValueFromPipeline ? "ByValue" : null }.OfType<string>().ToList();
                var expected = new Dictionary<string, string>
                {
                    ["Required"] = binding.Mandatory ? "True" : "False",
                    ["Position"] = binding.Position?.ToString(CultureInfo.InvariantCulture) ?? "Named",
                    ["Accept pipeline input"] = pipeline.Count == 0 ? "False" : "True (" + string.Join(", ", pipeline) + ")",
                };
                foreach (var (key, value) in expected.Where(e => yaml.GetValueOrDefault(e.Key) != e.Value))
                {
                    yield return set + ": " + key + " is '" + yaml.GetValueOrDefault(key) + "', expected '" + value + "'";
                }
            }
        }

        var declaredSets = (parameter.IsInAllSets && cmdlet.ParameterSets.Count > 1 ? cmdlet.ParameterSets : parameter.Bindings.Select(b => b.ParameterSetName)).Order(StringComparer.Ordinal);
        if (!documentedSets.Order(StringComparer.Ordinal).SequenceEqual(declaredSets))
        {
            yield return "Parameter Sets document [" + string.Join(", ", documentedSets) + "], the parameter is in [" + string.Join(", ", declaredSets) + "]";
        }
    }
}
