namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>coturn whose TLS port presents a self-signed certificate that nothing trusts: the TLS failure case (otherwise a working server, user alice).</summary>
public sealed class UntrustedTlsCoturnFixture : CoturnTurnFixture
{
    /// <summary>The user.</summary>
    public static readonly TurnUser User = new("alice", "secret123");

    /// <inheritdoc />
    protected override CoturnTurnOptions Options { get; } = new()
    {
        Users = new[] { User },
        Tls = TurnTlsCertificate.SelfSigned,
        IPv6 = false,
    };
}
