namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// coturn whose nonces expire after <see cref="NonceLifetimeSeconds"/> (<c>--stale-nonce</c>):
/// a request signed with a nonce older than that gets 438 Stale Nonce with a new NONCE. coturn
/// counts whole seconds, so a nonce is always good for 1 s and always stale after 2 s.
/// </summary>
public sealed class StaleNonceCoturnFixture : CoturnTurnFixture
{
    /// <summary>The nonce lifetime in seconds.</summary>
    public const int NonceLifetimeSeconds = 1;

    /// <summary>The user.</summary>
    public static readonly TurnUser User = new("alice", "secret123");

    /// <inheritdoc />
    protected override CoturnTurnOptions Options { get; } = new()
    {
        Users = new[] { User },
        StaleNonceSeconds = NonceLifetimeSeconds,
    };
}
