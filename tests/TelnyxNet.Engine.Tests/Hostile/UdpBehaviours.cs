namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Named behaviours of a <see cref="HostileUdpServer"/>, for any datagram protocol: the protocol
/// supplies how to make each answer from the request (see <see cref="StunAnswers"/>).
/// </summary>
internal static class UdpBehaviours
{
    /// <summary>Reads and never answers.</summary>
    public static UdpBehaviour Silent { get; } = _ => Task.CompletedTask;

    /// <summary>A STUN server that tells each client its true source (a path without NAT).</summary>
    public static UdpBehaviour MappedToSource { get; } = exchange => exchange.ReplyAsync(
        new Engine.Stun.StunMessageBuilder(Engine.Stun.StunMethod.Binding, Engine.Stun.StunClass.SuccessResponse, StunAnswers.IdOf(exchange.Request))
            .Add(new Engine.Stun.StunXorAddressAttribute(Engine.Stun.StunAttributeType.XorMappedAddress, exchange.Client))
            .AddFingerprint()
            .Encode());

    /// <summary>Answers every datagram with what <paramref name="answer"/> makes of it; a null answer is no answer.</summary>
    public static UdpBehaviour Answer(Func<byte[], byte[]?> answer) => exchange => answer(exchange.Request) is byte[] reply ? exchange.ReplyAsync(reply) : Task.CompletedTask;

    /// <summary>Answers every datagram after <paramref name="delay"/>: a slow but valid server.</summary>
    public static UdpBehaviour Delayed(TimeSpan delay, Func<byte[], byte[]> answer) => async exchange =>
    {
        await Task.Delay(delay, exchange.Stopping);
        await exchange.ReplyAsync(answer(exchange.Request));
    };

    /// <summary>Answers from another port of the same host: a spoofed or misrouted source.</summary>
    public static UdpBehaviour FromElsewhere(Func<byte[], byte[]> answer) => exchange => exchange.ReplyFromElsewhereAsync(answer(exchange.Request));

    /// <summary>Answers with each of <paramref name="answers"/> in turn, <paramref name="pause"/> apart (e.g. a broken answer, then a valid one).</summary>
    public static UdpBehaviour Sequence(TimeSpan pause, params Func<byte[], byte[]>[] answers) => async exchange =>
    {
        foreach (var answer in answers)
        {
            await exchange.ReplyAsync(answer(exchange.Request));
            await Task.Delay(pause, exchange.Stopping);
        }
    };

    /// <summary>
    /// After the first datagram, sends what <paramref name="answer"/> makes, in bursts, until the
    /// server stops: an endless stream. Later datagrams are only counted.
    /// </summary>
    public static UdpBehaviour Flood(Func<byte[], byte[]> answer) => exchange =>
    {
        if (exchange.Index > 0)
        {
            return Task.CompletedTask;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                while (!exchange.Stopping.IsCancellationRequested)
                {
                    for (var i = 0; i < 32; i++)
                    {
                        await exchange.ReplyAsync(answer(exchange.Request));
                    }

                    await Task.Delay(1, exchange.Stopping);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                // Stopped, or the client's port is gone: the flood ends.
            }
        });
        return Task.CompletedTask;
    };

    /// <summary>Chooses the behaviour by the datagram's position: <paramref name="byIndex"/> gets the index and returns the behaviour for it.</summary>
    public static UdpBehaviour ByIndex(Func<int, UdpBehaviour> byIndex) => exchange => byIndex(exchange.Index)(exchange);
}
