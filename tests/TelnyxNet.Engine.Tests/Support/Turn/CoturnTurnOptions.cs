using System.Net;

namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// How <see cref="CoturnTurnServer"/> runs coturn as a TURN server (RFC 8656): always on loopback
/// with <c>-n</c>, a private <c>--userdb</c>, a relay port range of its own,
/// <c>--allow-loopback-peers</c> and the admin CLI on 127.0.0.1 (the allocation oracle).
/// </summary>
public sealed record CoturnTurnOptions
{
    /// <summary>The realm (<c>--realm</c>).</summary>
    public string Realm { get; init; } = "test.local";

    /// <summary>The long-term users (<c>--lt-cred-mech --user=name:password</c>); ignored when <see cref="AuthSecret"/> is set, as coturn then accepts only REST API credentials.</summary>
    public IReadOnlyList<TurnUser> Users { get; init; } = new[] { new TurnUser("alice", "secret123") };

    /// <summary>When set, TURN REST API mode (<c>--use-auth-secret --static-auth-secret=</c>); see <see cref="TurnUser.FromRestSecret"/>.</summary>
    public string? AuthSecret { get; init; }

    /// <summary>When set, nonces expire after this many seconds (<c>--stale-nonce=N</c>) and coturn answers 438.</summary>
    public int? StaleNonceSeconds { get; init; }

    /// <summary>When set, each user may hold this many allocations at once (<c>--user-quota=N</c>); one more gets 486.</summary>
    public int? UserQuota { get; init; }

    /// <summary>Servers that Allocate requests are redirected to with 300 Try Alternate (<c>--alternate-server=ip:port</c>).</summary>
    public IReadOnlyList<IPEndPoint> AlternateServers { get; init; } = Array.Empty<IPEndPoint>();

    /// <summary>The certificate on the TLS port, or no TLS at all.</summary>
    public TurnTlsCertificate Tls { get; init; } = TurnTlsCertificate.None;

    /// <summary>The subject of the test CA that signs the TLS certificate (TestCa mode): e.g. an inspection product's CA name.</summary>
    public string TestCaName { get; init; } = TestCertificates.DefaultCaName;

    /// <summary>More turnserver arguments after the fixture's own (e.g. <c>--verbose</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = Array.Empty<string>();

    /// <summary>Also listen and relay on ::1 (RFC 6156); IPv4 relays stay the default family.</summary>
    public bool IPv6 { get; init; } = true;

    /// <summary>How many relay ports coturn may hand out (<c>--min-port</c> to <c>--max-port</c>).</summary>
    public int RelayPortCount { get; init; } = 40;
}
