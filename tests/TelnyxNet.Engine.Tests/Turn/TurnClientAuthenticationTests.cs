using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;
using static TelnyxNet.Engine.Tests.Turn.TurnScripts;

namespace TelnyxNet.Engine.Tests.Turn;

/// <summary>The long-term credential mechanism of RFC 8489 §9.2 as the TURN client runs it for Allocate (RFC 8656 §7).</summary>
public sealed class TurnClientAuthenticationTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    private static TurnCredential Alice => TurnCredential.FromPassword(Username, Secrets.Secure(Password));

    [Fact]
    public async Task Answers_the_401_challenge_with_username_realm_nonce_and_a_valid_MD5_integrity()
    {
        var transport = new ScriptedTurnTransport(r => IsAuthenticated(r) ? Allocated(r, Key()) : Challenge(r));
        using var client = NewClient(transport);

        var allocation = await client.AllocateAsync(Deadline(), CancellationToken.None);

        Assert.Equal(Relayed, allocation.Relayed);
        Assert.Equal(Mapped, allocation.Mapped);
        Assert.Equal(600u, allocation.LifetimeSeconds);
        Assert.Equal(2, transport.Requests.Count);
        var first = transport.Requests[0];
        Assert.Null(first.GetAttribute(StunAttributeType.Username));
        Assert.Null(first.GetAttribute(StunAttributeType.MessageIntegrity));
        Assert.Equal((ushort)17, first.GetAttribute<StunShortFieldAttribute>(StunAttributeType.RequestedTransport)!.Value);
        var second = transport.Requests[1];
        Assert.Equal(Username, Text(second, StunAttributeType.Username));
        Assert.Equal(Realm, Text(second, StunAttributeType.Realm));
        Assert.Equal("nonce-1", Text(second, StunAttributeType.Nonce));
        Assert.True(second.VerifyMessageIntegrity(Key()));
        Assert.NotNull(second.GetAttribute(StunAttributeType.Fingerprint));
        Assert.Null(second.GetAttribute(StunAttributeType.PasswordAlgorithm));
        Assert.Equal(StunPasswordAlgorithm.Md5, client.Algorithm);
        Assert.True(client.ServerReachable);
        Assert.Equal(Realm, client.Realm);
        Assert.Equal("scripted TURN", client.ServerSoftware);
    }

    [Fact]
    public async Task Uses_SHA_256_and_echoes_the_algorithms_when_the_server_offers_them()
    {
        var offered = new StunPasswordAlgorithmsAttribute(StunAttributeType.PasswordAlgorithms, new[]
        {
            new StunPasswordAlgorithmEntry(StunPasswordAlgorithm.Md5),
            new StunPasswordAlgorithmEntry(StunPasswordAlgorithm.Sha256),
        });
        var sha = Key(StunPasswordAlgorithm.Sha256);
        var transport = new ScriptedTurnTransport(r => IsAuthenticated(r) ? Allocated(r, sha, sha256: true) : Challenge(r, algorithms: offered));
        using var client = NewClient(transport);

        await client.AllocateAsync(Deadline(), CancellationToken.None);

        var signed = transport.Requests[1];
        Assert.Equal(StunPasswordAlgorithm.Sha256, Assert.Single(signed.GetAttribute<StunPasswordAlgorithmsAttribute>(StunAttributeType.PasswordAlgorithm)!.Entries).Algorithm);
        Assert.Equal(new[] { StunPasswordAlgorithm.Md5, StunPasswordAlgorithm.Sha256 }, signed.GetAttribute<StunPasswordAlgorithmsAttribute>(StunAttributeType.PasswordAlgorithms)!.Entries.Select(e => e.Algorithm));
        Assert.True(signed.VerifyMessageIntegritySha256(sha));
        Assert.Equal(StunPasswordAlgorithm.Sha256, client.Algorithm);
    }

    [Fact]
    public async Task Retries_once_with_the_new_nonce_after_438_stale_nonce()
    {
        var transport = new ScriptedTurnTransport(r =>
            !IsAuthenticated(r) ? Challenge(r)
            : Text(r, StunAttributeType.Nonce) == "nonce-1" ? Error(r, 438, "Stale Nonce").Add(new StunTextAttribute(StunAttributeType.Nonce, "nonce-2")).Add(new StunTextAttribute(StunAttributeType.Realm, Realm))
            : Allocated(r, Key()));
        using var client = NewClient(transport);

        await client.AllocateAsync(Deadline(), CancellationToken.None);

        Assert.Equal(3, transport.Requests.Count);
        Assert.Equal("nonce-2", Text(transport.Requests[2], StunAttributeType.Nonce));
        Assert.True(transport.Requests[2].VerifyMessageIntegrity(Key()));
    }

    [Fact]
    public async Task Gives_up_when_the_nonce_is_stale_twice_in_a_row()
    {
        var transport = new ScriptedTurnTransport(r => IsAuthenticated(r) ? Error(r, 438, "Stale Nonce").Add(new StunTextAttribute(StunAttributeType.Nonce, "again")) : Challenge(r));
        using var client = NewClient(transport);

        var failure = await Assert.ThrowsAsync<ProbeException>(() => client.AllocateAsync(Deadline(), CancellationToken.None));

        Assert.Equal(FailureReason.ErrorResponse, failure.Reason);
        Assert.Equal(438, failure.ErrorCode);
        Assert.Equal("Stale Nonce", failure.ErrorReason);
        Assert.Equal(3, transport.Requests.Count);
    }

    [Fact]
    public async Task Reports_a_second_401_as_authentication_failed_on_a_reachable_server()
    {
        var transport = new ScriptedTurnTransport(r => Challenge(r));
        using var client = NewClient(transport);

        var failure = await Assert.ThrowsAsync<ProbeException>(() => client.AllocateAsync(Deadline(), CancellationToken.None));

        Assert.Equal(FailureReason.AuthenticationFailed, failure.Reason);
        Assert.Equal(401, failure.ErrorCode);
        Assert.Equal("Unauthorized", failure.ErrorReason);
        Assert.Contains("alice (Credential)", failure.Message, StringComparison.Ordinal);
        Assert.True(client.ServerReachable);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task Does_not_send_credentials_to_a_401_without_realm_and_nonce()
    {
        var transport = new ScriptedTurnTransport(r => Error(r, 401, "Unauthorized"));
        using var client = NewClient(transport);

        var failure = await Assert.ThrowsAsync<ProbeException>(() => client.AllocateAsync(Deadline(), CancellationToken.None));

        Assert.Equal(FailureReason.ErrorResponse, failure.Reason);
        Assert.Equal(401, failure.ErrorCode);
        Assert.Contains("no REALM and NONCE", failure.Message, StringComparison.Ordinal);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task Rejects_a_success_response_without_message_integrity_after_authenticating()
    {
        var transport = new ScriptedTurnTransport(r => IsAuthenticated(r) ? Allocated(r, key: null) : Challenge(r));
        using var client = NewClient(transport);

        var failure = await Assert.ThrowsAsync<ProbeException>(() => client.AllocateAsync(Deadline(), CancellationToken.None));

        Assert.Equal(FailureReason.ProtocolError, failure.Reason);
        Assert.Contains("no MESSAGE-INTEGRITY", failure.Message, StringComparison.Ordinal);
        Assert.Null(client.Allocation);
    }

    [Fact]
    public async Task Rejects_a_success_response_signed_with_another_key()
    {
        var other = StunCredentials.LongTermKey(Username, Realm, "someone else's");
        var transport = new ScriptedTurnTransport(r => IsAuthenticated(r) ? Allocated(r, other) : Challenge(r));
        using var client = NewClient(transport);

        var failure = await Assert.ThrowsAsync<ProbeException>(() => client.AllocateAsync(Deadline(), CancellationToken.None));

        Assert.Equal(FailureReason.ProtocolError, failure.Reason);
        Assert.Contains("does not match", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_writes_the_password_or_the_key_to_the_log()
    {
        var log = new CollectingLog();
        var transport = new ScriptedTurnTransport(r => IsAuthenticated(r) ? Allocated(r, Key()) : Challenge(r));
        using var client = new TurnClient(transport, Alice, SystemClock.Instance, log);

        await client.AllocateAsync(Deadline(), CancellationToken.None);

        var text = string.Join("\n", log.Lines);
        Assert.Contains("alice", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(Key()), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(Key()), text, StringComparison.Ordinal);
    }

    private static TurnClient NewClient(ScriptedTurnTransport transport) => new(transport, Alice, SystemClock.Instance, NullEngineLog.Instance);

    private static TimeSpan Deadline() => SystemClock.Instance.Elapsed + Soon;
}
