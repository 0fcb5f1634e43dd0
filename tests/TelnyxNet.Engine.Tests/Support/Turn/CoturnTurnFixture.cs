namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// A coturn TURN server in one mode (<see cref="Options"/>) shared by the tests of a collection:
/// started before the first, stopped after the last. Never skipped: without turnserver the tests
/// fail and say what to install.
/// </summary>
public abstract class CoturnTurnFixture : IAsyncLifetime
{
    private CoturnTurnServer? _server;

    /// <summary>The running server.</summary>
    public CoturnTurnServer Server => _server ?? throw new InvalidOperationException("The coturn TURN fixture is not initialized.");

    /// <summary>How this mode runs coturn.</summary>
    protected abstract CoturnTurnOptions Options { get; }

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await CoturnTurnServer.StartAsync(Options).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
