namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>Tests that count this process's open sockets: run alone, after the parallel tests, so no other test's sockets land in the count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ResourceAccountingCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "resource accounting";
}
