namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// Two coturns: <see cref="Redirecting"/> answers every Allocate with 300 Try Alternate naming
/// <see cref="Alternate"/> (<c>--alternate-server</c>), which serves normally. Both know
/// <see cref="User"/>.
/// </summary>
public sealed class AlternateServerCoturnFixture : IAsyncLifetime
{
    /// <summary>The user, known to both.</summary>
    public static readonly TurnUser User = new("alice", "secret123");

    private CoturnTurnServer? _alternate;
    private CoturnTurnServer? _redirecting;

    /// <summary>The server that redirects.</summary>
    public CoturnTurnServer Redirecting => _redirecting ?? throw new InvalidOperationException("The alternate-server fixture is not initialized.");

    /// <summary>The server redirected to.</summary>
    public CoturnTurnServer Alternate => _alternate ?? throw new InvalidOperationException("The alternate-server fixture is not initialized.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var users = new[] { User };
        _alternate = await CoturnTurnServer.StartAsync(new CoturnTurnOptions { Users = users, IPv6 = false }).ConfigureAwait(false);
        try
        {
            _redirecting = await CoturnTurnServer.StartAsync(new CoturnTurnOptions { Users = users, IPv6 = false, AlternateServers = new[] { _alternate.EndPoint } }).ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_redirecting is not null)
        {
            await _redirecting.DisposeAsync().ConfigureAwait(false);
        }

        if (_alternate is not null)
        {
            await _alternate.DisposeAsync().ConfigureAwait(false);
        }
    }
}
