namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// coturn with long-term credentials for three users (<see cref="Alice"/>, <see cref="Bob"/>, <see cref="Carol"/>) in
/// realm test.local, UDP/TCP on 127.0.0.1 and ::1 and TLS with a certificate of the test CA: the
/// server for the good-credentials, wrong-password, TLS-trusted, IPv6 and clean-up cases.
/// </summary>
public sealed class LongTermCoturnFixture : CoturnTurnFixture
{
    /// <summary>The first user.</summary>
    public static readonly TurnUser Alice = new("alice", "secret123");

    /// <summary>The second user, e.g. for a test that must not see the first one's allocations.</summary>
    public static readonly TurnUser Bob = new("bob", "hunter2-bob");

    /// <summary>A third user, e.g. for a reference client whose allocations a test counts.</summary>
    public static readonly TurnUser Carol = new("carol", "carol-pw3");

    /// <inheritdoc />
    protected override CoturnTurnOptions Options { get; } = new()
    {
        Users = new[] { Alice, Bob, Carol },
        Tls = TurnTlsCertificate.TestCa,
    };
}
