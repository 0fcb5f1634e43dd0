using System.Reflection;
using System.Runtime.InteropServices;

namespace TelnyxNet.Module.Tests.Support;

/// <summary>
/// The built module's assemblies (out/TelnyxNet), loaded for inspection only with
/// System.Reflection.MetadataLoadContext: no module code runs and no PowerShell is needed.
/// System.Management.Automation comes from the PowerShellStandard reference assembly the module
/// compiles against, netstandard and the rest from this runtime's directory.
/// One instance serves every contract test (see <see cref="BuiltModuleCollection"/>).
/// </summary>
public sealed class ModuleAssemblies : IDisposable
{
    private const string ErrorIdsTypeName = "TelnyxNet.Infrastructure.ErrorIds";
    private readonly MetadataLoadContext _context;

    public ModuleAssemblies()
    {
        var paths = System.IO.Directory.GetFiles(BuiltModule.Directory, "*.dll")
            .Append(BuiltModule.SystemManagementAutomationPath)
            .Concat(System.IO.Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"));
        _context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        Module = _context.LoadFromAssemblyPath(BuiltModule.PathOf(BuiltModule.Name + ".dll"));
        Engine = _context.LoadFromAssemblyPath(BuiltModule.PathOf(BuiltModule.Name + ".Engine.dll"));
        Cmdlets = Module.GetTypes().Where(CmdletMetadata.IsCmdlet).Select(t => new CmdletMetadata(t)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        ErrorIds = Module.GetType(ErrorIdsTypeName, throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType.FullName == "System.String")
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
    }

    /// <summary>TelnyxNet.dll: the cmdlets.</summary>
    public Assembly Module { get; }

    /// <summary>TelnyxNet.Engine.dll: the output types.</summary>
    public Assembly Engine { get; }

    /// <summary>Every class in TelnyxNet.dll that carries [Cmdlet], by name.</summary>
    public IReadOnlyList<CmdletMetadata> Cmdlets { get; }

    /// <summary>The values of the string constants of TelnyxNet.Infrastructure.ErrorIds.</summary>
    public IReadOnlyList<string> ErrorIds { get; }

    /// <summary>The public engine types that some cmdlet declares in [OutputType].</summary>
    public IReadOnlyList<Type> EngineOutputTypes =>
        Cmdlets.SelectMany(c => c.OutputTypes)
            .Select(o => o.Type)
            .OfType<Type>()
            .Where(IsEngineType)
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    /// <summary>True when <paramref name="type"/> is defined in TelnyxNet.Engine.dll.</summary>
    public bool IsEngineType(Type type) => type.Assembly == Engine;

    public void Dispose() => _context.Dispose();
}
