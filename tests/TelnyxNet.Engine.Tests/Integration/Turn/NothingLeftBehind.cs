using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>What the clean-up tests check after their rounds: coturn's relay ports all free again, and this process back to the sockets it had.</summary>
internal static class NothingLeftBehind
{
    /// <summary>Waits (bounded) until no port of <paramref name="coturn"/>'s relay range is bound and this process has at most <paramref name="socketsBefore"/> sockets open.</summary>
    public static async Task AssertAsync(CoturnTurnServer coturn, int socketsBefore)
    {
        await Eventually.True(() => coturn.RelayPorts.InUse().Count == 0, "every relay port of " + coturn.RelayPorts + " to be free again");
        await Eventually.True(() => OpenSockets.Count() <= socketsBefore, "the open socket count to return to " + socketsBefore + " (now " + OpenSockets.Count() + ")");
    }
}
