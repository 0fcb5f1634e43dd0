namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// The second, independent TURN server for interoperability: our pion-turn, built from
/// tests/servers/pion-turn with Debian's golang-go and golang-github-pion-turn.v2-dev, user
/// <see cref="User"/> in realm <see cref="PionTurnServer.Realm"/>.
/// </summary>
public sealed class PionTurnFixture : IAsyncLifetime
{
    /// <summary>The user.</summary>
    public static readonly TurnUser User = new("alice", "secret123");

    private PionTurnServer? _server;

    /// <summary>The running server.</summary>
    public PionTurnServer Server => _server ?? throw new InvalidOperationException("The pion TURN fixture is not initialized.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await PionTurnServer.StartAsync(new[] { User }).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
