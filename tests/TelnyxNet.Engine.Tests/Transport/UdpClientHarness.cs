using System.Net;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Transport;

/// <summary>A <see cref="StunUdpClient"/> over a scripted socket and a manual clock, with one Binding request ready to send.</summary>
internal sealed class UdpClientHarness : IDisposable
{
    /// <summary>Where the request goes.</summary>
    public static readonly IPEndPoint Server = new(IPAddress.Parse("192.0.2.1"), 3478);

    /// <summary>The address the scripted server reports as mapped.</summary>
    public static readonly IPEndPoint Mapped = new(IPAddress.Parse("203.0.113.7"), 40000);

    /// <summary>How long a test waits for something that must happen at once; a safety bound, not a measurement.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>A client on a manual clock; <paramref name="clientClock"/> wraps that clock for the client (e.g. in an <see cref="EarlyClock"/>).</summary>
    public UdpClientHarness(IEngineLog? log = null, Func<ManualClock, IClock>? clientClock = null)
    {
        Clock = new ManualClock();
        Socket = new ScriptedDatagramSocket(Clock);
        Client = new StunUdpClient(Socket, clientClock?.Invoke(Clock) ?? Clock, log);
        Request = NewRequest();
        Id = TransactionId.FromBytes(Request, 8);
    }

    public ManualClock Clock { get; }

    public ScriptedDatagramSocket Socket { get; }

    public StunUdpClient Client { get; }

    public byte[] Request { get; }

    public TransactionId Id { get; }

    public static byte[] NewRequest() => new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode();

    /// <summary>A Binding success response with XOR-MAPPED-ADDRESS for transaction <paramref name="id"/>.</summary>
    public static byte[] Response(TransactionId id) =>
        new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, id)
            .Add(new StunXorAddressAttribute(StunAttributeType.XorMappedAddress, Mapped))
            .Encode();

    /// <summary>Bounds a wait so that a broken engine fails the test instead of hanging it.</summary>
    public static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(Bound);

    /// <summary>Starts the transaction for <see cref="Request"/>.</summary>
    public Task<StunTransactionOutcome> Start(TimeSpan timeout, RetransmissionPolicy? policy = null, CancellationToken cancellationToken = default) =>
        Client.ExecuteAsync(Request, Server, policy ?? RetransmissionPolicy.Default, timeout, cancellationToken);

    /// <summary>Waits until <paramref name="sends"/> transmissions went out and the client waits for <paramref name="nextDue"/>.</summary>
    public Task WaitForSends(int sends, TimeSpan nextDue) =>
        Eventually.True(() => Socket.SendCount == sends && Clock.NextDue == nextDue, sends + " send(s) and a wait until " + nextDue);

    /// <summary>
    /// Checks that nothing is due just before <paramref name="at"/> (so nothing can happen), then
    /// moves the clock to <paramref name="at"/>, where exactly one wait must end.
    /// </summary>
    public void StepTo(TimeSpan at, Task pending)
    {
        var sends = Socket.SendCount;
        Assert.Equal(0, Clock.AdvanceTo(at - TimeSpan.FromMilliseconds(1)));
        Assert.Equal(sends, Socket.SendCount);
        Assert.False(pending.IsCompleted, "The transaction ended before " + at + ".");
        Assert.Equal(1, Clock.AdvanceTo(at));
    }

    /// <summary>
    /// Moves the clock from due time to due time (each wait the client starts, early-ending ones
    /// included) until <paramref name="transaction"/> ends; at most <paramref name="maxSteps"/> steps.
    /// </summary>
    public async Task RunToEnd(Task transaction, int maxSteps = 100)
    {
        for (var step = 0; step < maxSteps; step++)
        {
            await Eventually.True(() => transaction.IsCompleted || Clock.PendingDelayCount == 1, "the transaction ends or waits");
            if (transaction.IsCompleted)
            {
                return;
            }

            var due = Clock.NextDue!.Value;
            Clock.AdvanceTo(due);
            await Eventually.True(() => transaction.IsCompleted || (Clock.PendingDelayCount == 1 && Clock.NextDue != due), "the client acts on the wait that ended at " + due);
        }

        Assert.Fail("The transaction did not end within " + maxSteps + " waits.");
    }

    public void Dispose() => Client.Dispose();
}
