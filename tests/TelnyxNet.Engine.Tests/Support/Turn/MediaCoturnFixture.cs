namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// coturn for the media path tests: long-term user alice in realm test.local, UDP/TCP on
/// 127.0.0.1 (IPv4 only: the streams need no IPv6) and TLS with a certificate of the test CA,
/// with the admin CLI as the allocation oracle.
/// </summary>
public sealed class MediaCoturnFixture : CoturnTurnFixture
{
    /// <summary>The user the streams authenticate as.</summary>
    public static readonly TurnUser Alice = new("alice", "secret123");

    /// <inheritdoc />
    protected override CoturnTurnOptions Options { get; } = new()
    {
        Users = new[] { Alice },
        Tls = TurnTlsCertificate.TestCa,
        IPv6 = false,
    };
}

/// <summary>The tests that share <see cref="MediaCoturnFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class MediaCoturnCollection : ICollectionFixture<MediaCoturnFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "coturn TURN, media path";
}
