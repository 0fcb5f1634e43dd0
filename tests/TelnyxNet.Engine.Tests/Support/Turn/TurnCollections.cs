namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>The tests that share <see cref="LongTermCoturnFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class LongTermCoturnCollection : ICollectionFixture<LongTermCoturnFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "coturn TURN, long-term credentials";
}

/// <summary>The tests that share <see cref="RestApiCoturnFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RestApiCoturnCollection : ICollectionFixture<RestApiCoturnFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "coturn TURN, REST API secret";
}

/// <summary>The tests that share <see cref="StaleNonceCoturnFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class StaleNonceCoturnCollection : ICollectionFixture<StaleNonceCoturnFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "coturn TURN, stale nonce";
}

/// <summary>The tests that share <see cref="QuotaCoturnFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class QuotaCoturnCollection : ICollectionFixture<QuotaCoturnFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "coturn TURN, user quota";
}

/// <summary>The tests that share <see cref="UntrustedTlsCoturnFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class UntrustedTlsCoturnCollection : ICollectionFixture<UntrustedTlsCoturnFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "coturn TURN, untrusted TLS certificate";
}

/// <summary>The tests that share <see cref="AlternateServerCoturnFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class AlternateServerCoturnCollection : ICollectionFixture<AlternateServerCoturnFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "coturn TURN, alternate server";
}

/// <summary>The tests that share <see cref="PionTurnFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PionTurnCollection : ICollectionFixture<PionTurnFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "pion TURN";
}
