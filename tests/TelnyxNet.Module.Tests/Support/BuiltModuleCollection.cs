namespace TelnyxNet.Module.Tests.Support;

/// <summary>The contract tests share one <see cref="ModuleAssemblies"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BuiltModuleCollection : ICollectionFixture<ModuleAssemblies>
{
    public const string Name = "Built module";
}
