namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>coturn in TURN REST API mode (<c>--use-auth-secret --static-auth-secret</c>): only credentials made from <see cref="Secret"/> are accepted.</summary>
public sealed class RestApiCoturnFixture : CoturnTurnFixture
{
    /// <summary>The shared secret.</summary>
    public const string Secret = "telnyxnet-rest-secret";

    /// <inheritdoc />
    protected override CoturnTurnOptions Options { get; } = new() { AuthSecret = Secret };

    /// <summary>A credential for <paramref name="name"/> valid for an hour.</summary>
    public static TurnUser Credential(string name) => TurnUser.FromRestSecret(Secret, name, TimeSpan.FromHours(1));
}
