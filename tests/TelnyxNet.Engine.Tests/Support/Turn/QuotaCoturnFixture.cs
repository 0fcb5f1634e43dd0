namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>coturn that lets each user hold one allocation at a time (<c>--user-quota=1</c>): while one is held, another Allocate of the same user gets 486.</summary>
public sealed class QuotaCoturnFixture : CoturnTurnFixture
{
    /// <summary>The user.</summary>
    public static readonly TurnUser User = new("alice", "secret123");

    /// <inheritdoc />
    protected override CoturnTurnOptions Options { get; } = new()
    {
        Users = new[] { User },
        UserQuota = 1,
    };
}
