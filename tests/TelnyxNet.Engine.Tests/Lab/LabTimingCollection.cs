namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>Lab tests that check measured round-trip times: run on their own, after the parallel tests, so that no other test's load lands in their measurements.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LabTimingCollection
{
    /// <summary>The collection name for <c>[Collection(LabTimingCollection.Name)]</c>.</summary>
    public const string Name = "lab timing";
}
