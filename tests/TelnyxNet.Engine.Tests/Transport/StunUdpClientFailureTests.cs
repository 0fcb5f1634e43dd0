using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;
using static TelnyxNet.Engine.Tests.Transport.UdpClientHarness;

namespace TelnyxNet.Engine.Tests.Transport;

public sealed class StunUdpClientFailureTests
{
    [Fact]
    public async Task Cancellation_mid_wait_ends_the_transaction_without_moving_the_clock()
    {
        using var h = new UdpClientHarness();
        using var cts = new CancellationTokenSource();
        var transaction = h.Start(TimeSpan.FromSeconds(30), cancellationToken: cts.Token);
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));
        Assert.Equal(0, h.Clock.AdvanceTo(TimeSpan.FromSeconds(0.3)));

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bounded(transaction));
        Assert.Equal(TimeSpan.FromSeconds(0.3), h.Clock.Elapsed);
        Assert.Equal(1, h.Socket.SendCount);
        Assert.Equal(0, h.Client.Transactions.PendingCount);
        Assert.Equal(0, h.Clock.PendingDelayCount);
        Assert.False(h.Socket.IsDisposed);

        h.Client.Dispose();

        Assert.True(h.Socket.IsDisposed);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        using var h = new UdpClientHarness();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bounded(h.Start(TimeSpan.FromSeconds(5), cancellationToken: cts.Token)));

        Assert.Equal(0, h.Socket.SendCount);
        Assert.Equal(0, h.Client.Transactions.PendingCount);
    }

    [Fact]
    public async Task Disposing_the_client_ends_a_pending_transaction_and_disposes_the_socket()
    {
        var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromSeconds(5));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));

        h.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Bounded(transaction));
        Assert.True(h.Socket.IsDisposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => h.Start(TimeSpan.FromSeconds(5)));
        h.Dispose();
    }

    [Fact]
    public async Task A_connection_refused_socket_error_fails_the_transaction_as_refused()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromSeconds(5));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));

        h.Socket.InjectError(SocketError.ConnectionRefused);

        var ex = await Assert.ThrowsAsync<ProbeException>(() => Bounded(transaction));
        Assert.Equal(FailureReason.Refused, ex.Reason);
        Assert.Contains("refused", ex.Message);
        Assert.Equal(TimeSpan.Zero, h.Clock.Elapsed);
    }

    [Fact]
    public async Task After_a_refusal_the_client_keeps_receiving()
    {
        using var h = new UdpClientHarness();
        var first = h.Start(TimeSpan.FromSeconds(5));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));
        h.Socket.InjectError(SocketError.ConnectionRefused);
        await Assert.ThrowsAsync<ProbeException>(() => Bounded(first));

        var request = NewRequest();
        var second = h.Client.ExecuteAsync(request, Server, RetransmissionPolicy.Default, TimeSpan.FromSeconds(5), CancellationToken.None);
        await h.WaitForSends(2, TimeSpan.FromSeconds(0.5));
        h.Socket.Inject(Response(TransactionId.FromBytes(request, 8)), Server);

        var outcome = await Bounded(second);
        Assert.Equal(1, outcome.Transmissions);
    }

    [Fact]
    public async Task A_network_unreachable_send_fails_the_transaction_as_unreachable()
    {
        using var h = new UdpClientHarness();
        h.Socket.FailSendsWith(SocketError.NetworkUnreachable);

        var ex = await Assert.ThrowsAsync<ProbeException>(() => Bounded(h.Start(TimeSpan.FromSeconds(5))));

        Assert.Equal(FailureReason.Unreachable, ex.Reason);
        Assert.IsType<SocketException>(ex.InnerException);
        Assert.Equal(0, h.Socket.SendCount);
        Assert.Equal(0, h.Client.Transactions.PendingCount);
    }

    [Fact]
    public async Task A_network_unreachable_receive_error_fails_the_transaction_as_unreachable()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromSeconds(5));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));

        h.Socket.InjectError(SocketError.NetworkUnreachable);

        var ex = await Assert.ThrowsAsync<ProbeException>(() => Bounded(transaction));
        Assert.Equal(FailureReason.Unreachable, ex.Reason);
    }

    [Fact]
    public async Task Rejects_a_request_shorter_than_a_header()
    {
        using var h = new UdpClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.ExecuteAsync(new byte[19], Server, RetransmissionPolicy.Default, TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal(0, h.Socket.SendCount);
    }
}
