namespace TelnyxNet.Engine.Tests.Support;

/// <summary>The test classes that share one network lab (<see cref="NetworkLabFixture"/>); xunit runs them one after another, so firewall rules never overlap.</summary>
[CollectionDefinition(Name)]
public sealed class NetworkLabCollection : ICollectionFixture<NetworkLabFixture>
{
    /// <summary>The collection name for <c>[Collection(NetworkLabCollection.Name)]</c>.</summary>
    public const string Name = "network lab";
}
