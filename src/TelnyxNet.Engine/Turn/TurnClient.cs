using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Internal;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// A TURN client on one control connection (RFC 8656): Allocate with the long-term credential
/// mechanism (RFC 8489 §9.2), Refresh, CreatePermission, ChannelBind, Send indications and
/// ChannelData out, Data indications and ChannelData in. Every transaction is bounded by a
/// deadline on the client's clock. Disposing closes the connection; deleting the allocation first
/// is the caller's job (<see cref="DeleteAsync"/>).
/// </summary>
internal sealed class TurnClient : ITurnDataSink, IDisposable
{
    /// <summary>REQUESTED-TRANSPORT's protocol number for UDP (RFC 8656 §14.7).</summary>
    private const ushort UdpProtocolNumber = 17;

    /// <summary>Relayed data that may wait to be read; the relay check reads a handful, a flood beyond this is dropped.</summary>
    private const int ReceiveCapacity = 64;

    private readonly ITurnTransport _transport;
    private readonly TurnCredential _credential;
    private readonly IClock _clock;
    private readonly IEngineLog _log;
    private readonly AsyncInbox<RelayedData> _received;
    private readonly ConcurrentDictionary<ushort, IPEndPoint> _channels = new();
    private StunTextAttribute? _realm;
    private StunTextAttribute? _nonce;
    private StunPasswordAlgorithmsAttribute? _offeredAlgorithms;
    private byte[]? _key;

    public TurnClient(ITurnTransport transport, TurnCredential credential, IClock clock, IEngineLog log)
    {
        _transport = transport;
        _credential = credential;
        _clock = clock;
        _log = log;
        _received = new AsyncInbox<RelayedData>(clock, ReceiveCapacity);
        _transport.Sink = this;
    }

    /// <summary>The control connection.</summary>
    public ITurnTransport Transport => _transport;

    /// <summary>The clock the client's deadlines and receive times are on.</summary>
    public IClock Clock => _clock;

    /// <summary>True once the server answered anything, a 401 challenge included.</summary>
    public bool ServerReachable { get; private set; }

    /// <summary>The REALM of the server's challenge.</summary>
    public string Realm => _realm?.Value ?? string.Empty;

    /// <summary>The server's SOFTWARE attribute.</summary>
    public string ServerSoftware { get; private set; } = string.Empty;

    /// <summary>The password algorithm in use once authenticated (MD5 unless the server offers SHA-256, RFC 8489 §9.2.1).</summary>
    public StunPasswordAlgorithm? Algorithm { get; private set; }

    /// <summary>The allocation, once granted and until deleted.</summary>
    public TurnAllocation? Allocation { get; private set; }

    /// <summary>Data indications and ChannelData messages that could not be matched (unknown channel, missing attributes).</summary>
    public int DiscardedCount { get; private set; }

    /// <summary>Relayed data waiting to be read (at most 64; more is dropped as it arrives).</summary>
    public int PendingReceivedCount => _received.Count;

    /// <summary>
    /// Allocates a UDP relay (RFC 8656 §7.1): first without credentials, then, on the 401
    /// challenge, with USERNAME, REALM, NONCE and MESSAGE-INTEGRITY (RFC 8489 §9.2.3); a 438
    /// Stale Nonce is retried once with the new nonce. A 300 Try Alternate throws
    /// <see cref="TurnRedirectException"/>; other errors throw <see cref="ProbeException"/>.
    /// </summary>
    public async Task<TurnAllocation> AllocateAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        var response = await TransactAsync(StunMethod.Allocate, b => b.Add(new StunShortFieldAttribute(StunAttributeType.RequestedTransport, UdpProtocolNumber)), deadline, cancellationToken).ConfigureAwait(false);
        var relayed = response.GetAttribute<StunXorAddressAttribute>(StunAttributeType.XorRelayedAddress)?.EndPoint
            ?? throw new ProbeException(FailureReason.ProtocolError, "The Allocate success response carries no XOR-RELAYED-ADDRESS (RFC 8656 §7.3).");
        var mapped = response.GetAttribute<StunXorAddressAttribute>(StunAttributeType.XorMappedAddress)?.EndPoint;
        var lifetime = (uint)(response.GetAttribute<StunNumberAttribute>(StunAttributeType.Lifetime)?.Value ?? 0);
        Allocation = new TurnAllocation(relayed, mapped, lifetime);
        _log.Verbose("Allocated relay " + relayed + (mapped is null ? string.Empty : " (mapped " + mapped + ")") + " for " + lifetime + " s.");
        return Allocation;
    }

    /// <summary>Refresh (RFC 8656 §8): asks for <paramref name="lifetimeSeconds"/>; returns the lifetime granted.</summary>
    public async Task<uint> RefreshAsync(uint lifetimeSeconds, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var response = await TransactAsync(StunMethod.Refresh, b => b.Add(new StunNumberAttribute(StunAttributeType.Lifetime, lifetimeSeconds)), deadline, cancellationToken).ConfigureAwait(false);
        return (uint)(response.GetAttribute<StunNumberAttribute>(StunAttributeType.Lifetime)?.Value ?? lifetimeSeconds);
    }

    /// <summary>CreatePermission (RFC 8656 §9, §10) for every address in <paramref name="peers"/>; ports are ignored by the server.</summary>
    public async Task CreatePermissionAsync(IReadOnlyCollection<IPAddress> peers, TimeSpan deadline, CancellationToken cancellationToken)
    {
        await TransactAsync(
            StunMethod.CreatePermission,
            b =>
            {
                foreach (var peer in peers)
                {
                    b.Add(new StunXorAddressAttribute(StunAttributeType.XorPeerAddress, new IPEndPoint(peer, 0)));
                }
            },
            deadline,
            cancellationToken).ConfigureAwait(false);
        _log.Verbose("Permission created for " + string.Join(", ", peers) + ".");
    }

    /// <summary>ChannelBind (RFC 8656 §12.1): binds <paramref name="channel"/> to <paramref name="peer"/>, which also installs a permission.</summary>
    public async Task ChannelBindAsync(ushort channel, IPEndPoint peer, TimeSpan deadline, CancellationToken cancellationToken)
    {
        await TransactAsync(
            StunMethod.ChannelBind,
            b => b.Add(new StunShortFieldAttribute(StunAttributeType.ChannelNumber, channel)).Add(new StunXorAddressAttribute(StunAttributeType.XorPeerAddress, peer)),
            deadline,
            cancellationToken).ConfigureAwait(false);
        _channels[channel] = peer;
        _log.Verbose("Channel 0x" + channel.ToString("x4", CultureInfo.InvariantCulture) + " bound to " + peer + ".");
    }

    /// <summary>A Send indication (RFC 8656 §11.1): <paramref name="data"/> to <paramref name="peer"/> through the relay.</summary>
    public Task SendAsync(IPEndPoint peer, byte[] data, CancellationToken cancellationToken)
    {
        var indication = new StunMessageBuilder(StunMethod.Send, StunClass.Indication)
            .Add(new StunXorAddressAttribute(StunAttributeType.XorPeerAddress, peer))
            .Add(new StunBytesAttribute(StunAttributeType.Data, data))
            .AddFingerprint()
            .Encode();
        return _transport.SendIndicationAsync(indication, cancellationToken);
    }

    /// <summary>ChannelData (RFC 8656 §12.4) on a bound channel.</summary>
    public Task SendChannelDataAsync(ushort channel, byte[] data, CancellationToken cancellationToken) =>
        _transport.SendChannelDataAsync(new ChannelDataMessage(channel, data), cancellationToken);

    /// <summary>The next data a peer sent through the relay, or null when none arrives within <paramref name="wait"/>.</summary>
    public Task<RelayedData?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken) => _received.TakeAsync(wait, cancellationToken);

    /// <summary>
    /// Deletes the allocation (RFC 8656 §8: Refresh with LIFETIME 0) within <paramref name="timeout"/>,
    /// whatever happened before; never throws. True when the server confirmed, or said it holds no
    /// such allocation (437); false when it could not be reached.
    /// </summary>
    public async Task<bool> DeleteAsync(TimeSpan timeout)
    {
        var allocation = Allocation;
        if (allocation is null)
        {
            return true;
        }

        try
        {
            await RefreshAsync(0, _clock.Elapsed + timeout, CancellationToken.None).ConfigureAwait(false);
            _log.Verbose("Allocation " + allocation.Relayed + " deleted.");
            Allocation = null;
            return true;
        }
        catch (ProbeException ex) when (ex.ErrorCode == TurnErrors.AllocationMismatch)
        {
            _log.Verbose("The server holds no allocation any more (437).");
            Allocation = null;
            return true;
        }
        catch (Exception ex) when (ex is ProbeException || ex is ObjectDisposedException || ex is TurnRedirectException)
        {
            _log.Verbose("Could not delete allocation " + allocation.Relayed + ": " + ex.Message + " The server frees it when its lifetime (" + allocation.LifetimeSeconds + " s) ends" + (_transport.Protocol == TransportProtocol.Udp ? "." : " or the connection closes."));
            return false;
        }
    }

    /// <summary>Closes the control connection in an orderly way (see <see cref="ITurnTransport.CloseAsync"/>); never throws.</summary>
    public async Task CloseAsync()
    {
        await _transport.CloseAsync().ConfigureAwait(false);
        _received.Dispose();
    }

    /// <summary>Closes the control connection at once.</summary>
    public void Dispose()
    {
        _transport.Dispose();
        _received.Dispose();
    }

    /// <summary>A Data indication (RFC 8656 §11.4): XOR-PEER-ADDRESS and DATA.</summary>
    void ITurnDataSink.OnIndication(StunMessage indication)
    {
        var peer = indication.GetAttribute<StunXorAddressAttribute>(StunAttributeType.XorPeerAddress)?.EndPoint;
        var data = indication.GetAttribute<StunBytesAttribute>(StunAttributeType.Data);
        if (indication.Method != StunMethod.Data || peer is null || data is null)
        {
            DiscardedCount++;
            _log.Verbose("Ignored a " + indication.Method + " indication without XOR-PEER-ADDRESS and DATA.");
            return;
        }

        _received.Post(new RelayedData(peer, data.GetValue(), viaChannel: false, _clock.Elapsed));
    }

    /// <summary>ChannelData (RFC 8656 §12.6) on a channel this client bound.</summary>
    void ITurnDataSink.OnChannelData(ChannelDataMessage message)
    {
        if (!_channels.TryGetValue(message.Channel, out var peer))
        {
            DiscardedCount++;
            _log.Verbose("Ignored ChannelData on unbound channel 0x" + message.Channel.ToString("x4", CultureInfo.InvariantCulture) + ".");
            return;
        }

        _received.Post(new RelayedData(peer, message.GetData(), viaChannel: true, _clock.Elapsed));
    }

    /// <summary>
    /// One request, authenticated once the server has challenged (RFC 8489 §9.2.3): retries once
    /// after the first 401 with REALM and NONCE, and once after a 438 Stale Nonce; checks the
    /// success response's integrity (§9.2.5).
    /// </summary>
    private async Task<StunMessage> TransactAsync(StunMethod method, Action<StunMessageBuilder> addAttributes, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var challenged = false;
        var staleRetried = false;
        while (true)
        {
            var builder = new StunMessageBuilder(method, StunClass.Request);
            addAttributes(builder);
            Sign(builder);
            var outcome = await _transport.ExecuteAsync(builder.Encode(), Remaining(deadline), response => Check(response, method), cancellationToken).ConfigureAwait(false);
            var response = outcome.Response;
            ServerReachable = true;
            ServerSoftware = response.Software ?? ServerSoftware;
            if (response.UnknownComprehensionRequired.Count > 0)
            {
                throw new ProbeException(FailureReason.ProtocolError, "The " + method + " response carries comprehension-required attribute(s) this client does not know: " + string.Join(", ", response.UnknownComprehensionRequired.Select(StunAttributeRegistry.NameOf)) + ".");
            }

            if (response.Class == StunClass.SuccessResponse)
            {
                _log.Verbose(method + " succeeded in " + outcome.RoundTripTime.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms.");
                return response;
            }

            var error = response.Error;
            var code = error?.Code ?? 0;
            if (code == TurnErrors.Unauthenticated && _key is null && !challenged)
            {
                if (!TakeChallenge(response))
                {
                    throw TurnErrors.Failure(method, error, "the challenge carries no REALM and NONCE (RFC 8489 §9.2.4), so no credential could be sent.", FailureReason.ErrorResponse);
                }

                challenged = true;
                continue;
            }

            if (code == TurnErrors.StaleNonce && _key != null && !staleRetried && response.GetAttribute(StunAttributeType.Nonce) is StunTextAttribute nonce)
            {
                staleRetried = true;
                _nonce = nonce;
                _realm = response.GetAttribute<StunTextAttribute>(StunAttributeType.Realm) ?? _realm;
                _log.Verbose("438 Stale Nonce: retrying " + method + " once with the new nonce.");
                continue;
            }

            if (code == TurnErrors.TryAlternate)
            {
                var alternate = response.GetAttribute<StunAddressAttribute>(StunAttributeType.AlternateServer)?.EndPoint
                    ?? throw TurnErrors.Failure(method, error, "300 Try Alternate without ALTERNATE-SERVER (RFC 8489 §10).");
                if (AlternateServerCheck.WhyNotFollowed(alternate, _transport.Remote) is string why)
                {
                    throw TurnErrors.Failure(method, error, "it names the alternate server " + alternate + ", which is not followed: " + why + ".");
                }

                throw new TurnRedirectException(alternate, response.GetAttribute<StunTextAttribute>(StunAttributeType.AlternateDomain)?.Value, error!.Reason);
            }

            throw TurnErrors.Failure(method, error, Explain(code));
        }
    }

    /// <summary>Takes REALM, NONCE and PASSWORD-ALGORITHMS from a 401 (RFC 8489 §9.2.4) and derives the key; false when the 401 lacks them.</summary>
    private bool TakeChallenge(StunMessage response)
    {
        var realm = response.GetAttribute<StunTextAttribute>(StunAttributeType.Realm);
        var nonce = response.GetAttribute<StunTextAttribute>(StunAttributeType.Nonce);
        if (realm is null || nonce is null)
        {
            return false;
        }

        _realm = realm;
        _nonce = nonce;
        _offeredAlgorithms = response.GetAttribute<StunPasswordAlgorithmsAttribute>(StunAttributeType.PasswordAlgorithms);
        Algorithm = _offeredAlgorithms?.Entries.Any(e => e.Algorithm == StunPasswordAlgorithm.Sha256) == true ? StunPasswordAlgorithm.Sha256 : StunPasswordAlgorithm.Md5;
        _key = _credential.DeriveKey(realm.Value, Algorithm.Value);
        _log.Verbose("The server is reachable and asks for credentials: realm '" + realm.Value + "'; authenticating as " + _credential + " with " + Algorithm + ".");
        return true;
    }

    /// <summary>USERNAME, REALM, NONCE, PASSWORD-ALGORITHM(S), MESSAGE-INTEGRITY(-SHA256), FINGERPRINT (RFC 8489 §9.2.3, §14).</summary>
    private void Sign(StunMessageBuilder builder)
    {
        if (_key != null)
        {
            builder.Add(new StunTextAttribute(StunAttributeType.Username, _credential.Username)).Add(_realm!).Add(_nonce!);
            if (_offeredAlgorithms != null)
            {
                builder.Add(new StunPasswordAlgorithmsAttribute(StunAttributeType.PasswordAlgorithm, new[] { new StunPasswordAlgorithmEntry(Algorithm!.Value) }))
                    .Add(_offeredAlgorithms);
            }

            if (Algorithm == StunPasswordAlgorithm.Sha256)
            {
                builder.AddMessageIntegritySha256(_key);
            }
            else
            {
                builder.AddMessageIntegrity(_key);
            }
        }

        builder.AddFingerprint();
    }

    /// <summary>
    /// RFC 8489 §6.3's checks before a message may end a transaction of <paramref name="method"/>:
    /// a response of that method, and, to an authenticated request, a success whose
    /// MESSAGE-INTEGRITY verifies with the same key (§9.2.5). One that fails is discarded "as if
    /// it was never received" and the transaction waits on; null when it passes.
    /// </summary>
    private string? Check(StunMessage response, StunMethod method)
    {
        if (response.Method != method || response.Class == StunClass.Request || response.Class == StunClass.Indication)
        {
            return "a " + response.Method + " " + response.Class + " is no answer to " + method;
        }

        if (_key is null || response.Class != StunClass.SuccessResponse)
        {
            return null;
        }

        var sha256 = response.GetAttribute(StunAttributeType.MessageIntegritySha256) != null;
        if (!sha256 && response.GetAttribute(StunAttributeType.MessageIntegrity) is null)
        {
            return "the " + method + " success response carries no MESSAGE-INTEGRITY: it cannot be trusted (RFC 8489 §9.2.5)";
        }

        return (sha256 ? response.VerifyMessageIntegritySha256(_key) : response.VerifyMessageIntegrity(_key))
            ? null
            : "the " + method + " success response's MESSAGE-INTEGRITY does not match this credential: something on the path altered it, or it is not from this server";
    }

    private string Explain(int code) => code switch
    {
        TurnErrors.Unauthenticated => "the server is reachable, but does not accept the credentials of " + _credential + ".",
        TurnErrors.StaleNonce => "the nonce went stale again right after a fresh one.",
        _ => string.Empty,
    };

    private TimeSpan Remaining(TimeSpan deadline)
    {
        var left = deadline - _clock.Elapsed;
        if (left <= TimeSpan.Zero)
        {
            throw new ProbeException(FailureReason.Timeout, "The time allowed ran out before the next request to " + _transport.Remote + ".");
        }

        return left;
    }
}
