namespace TelnyxNet.Engine.Tests.Support;

/// <summary>The test classes that share one coturn (<see cref="CoturnFixture"/>); xunit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class CoturnCollection : ICollectionFixture<CoturnFixture>
{
    /// <summary>The collection name for <c>[Collection(CoturnCollection.Name)]</c>.</summary>
    public const string Name = "coturn";
}
