using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// A deliberately small TURN client (RFC 8656) made of the engine's codec and a plain socket, to
/// drive a server under test message by message: UDP, TCP or TLS (RFC 8656 §3.1, STUN framing
/// over streams), the long-term credential handshake (RFC 8489 §9.2: 401 with REALM and NONCE,
/// then USERNAME, REALM, NONCE and MESSAGE-INTEGRITY), Refresh, CreatePermission and Send/Data
/// indications. It never retries on its own: every answer is returned for the test to judge.
/// Disposing deletes a live allocation (Refresh with LIFETIME 0) and closes the socket.
/// </summary>
internal sealed class RawTurnClient : IAsyncDisposable
{
    /// <summary>REQUESTED-TRANSPORT's protocol number for UDP (RFC 8656 §18.8).</summary>
    public const byte Udp = 17;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);
    private readonly Socket _socket;
    private readonly Stream? _stream;
    private readonly Queue<StunMessage> _indications = new();
    private readonly byte[] _buffer = new byte[65536];
    private byte[]? _key;
    private bool _allocated;

    private RawTurnClient(Socket socket, Stream? stream)
    {
        _socket = socket;
        _stream = stream;
    }

    /// <summary>The user of the credentials in use, once a 401 was answered.</summary>
    public string? Username { get; private set; }

    /// <summary>The realm from the last 401 or 438.</summary>
    public string? Realm { get; private set; }

    /// <summary>The nonce from the last 401 or 438.</summary>
    public string? Nonce { get; private set; }

    /// <summary>The local transport address.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>A UDP client whose socket is connected to <paramref name="server"/>.</summary>
    public static RawTurnClient OverUdp(IPEndPoint server)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(server);
        return new RawTurnClient(socket, null);
    }

    /// <summary>A client on a TCP connection to <paramref name="server"/>.</summary>
    public static async Task<RawTurnClient> OverTcpAsync(IPEndPoint server)
    {
        var socket = await ConnectAsync(server).ConfigureAwait(false);
        return new RawTurnClient(socket, new NetworkStream(socket, ownsSocket: false));
    }

    /// <summary>
    /// A client on a TLS connection to <paramref name="server"/> for <paramref name="host"/>, the
    /// certificate checked by <paramref name="validation"/> (the system's check when null); throws
    /// <see cref="System.Security.Authentication.AuthenticationException"/> when it is refused.
    /// </summary>
    public static async Task<RawTurnClient> OverTlsAsync(IPEndPoint server, string host, RemoteCertificateValidationCallback? validation)
    {
        var socket = await ConnectAsync(server).ConfigureAwait(false);
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false, validation);
        try
        {
            using var bound = new CancellationTokenSource(Limit);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, bound.Token).ConfigureAwait(false);
            return new RawTurnClient(socket, tls);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The Allocate request without credentials, as a client's first one (RFC 8656 §7.1): REQUESTED-TRANSPORT UDP and <paramref name="extra"/>.</summary>
    public static StunMessageBuilder AllocateRequest(params StunAttribute[] extra)
    {
        var request = new StunMessageBuilder(StunMethod.Allocate, StunClass.Request).Add(new StunShortFieldAttribute(StunAttributeType.RequestedTransport, Udp));
        foreach (var attribute in extra)
        {
            request.Add(attribute);
        }

        return request;
    }

    /// <summary>
    /// Allocates a UDP relay: the request without credentials first; when it gets a 401 with
    /// REALM and NONCE and <paramref name="user"/> is given, once more with its credentials.
    /// Returns the last answer (a success, or the error as it came).
    /// </summary>
    public async Task<StunMessage> AllocateAsync(TurnUser? user = null, params StunAttribute[] extra)
    {
        var answer = await ExchangeAsync(AllocateRequest(extra)).ConfigureAwait(false);
        if (user is null || answer.Error?.Code != 401 || !TakeChallenge(answer))
        {
            return answer;
        }

        UseCredentials(user);
        return await AllocateAgainAsync(extra).ConfigureAwait(false);
    }

    /// <summary>Sends an authenticated Allocate with the credentials, realm and nonce in use (e.g. after a 438 was taken with <see cref="TakeChallenge"/>).</summary>
    public async Task<StunMessage> AllocateAgainAsync(params StunAttribute[] extra)
    {
        var request = Authenticate(AllocateRequest(extra));
        var answer = await ExchangeAsync(request).ConfigureAwait(false);
        _allocated |= answer.Class == StunClass.SuccessResponse;
        return answer;
    }

    /// <summary>Sets the user whose long-term key signs the following requests; <see cref="Realm"/> must be known.</summary>
    public void UseCredentials(TurnUser user)
    {
        Username = user.Name;
        _key = StunCredentials.LongTermKey(user.Name, Realm ?? throw new InvalidOperationException("No realm yet: take a 401 first."), user.Password);
    }

    /// <summary>Takes REALM and NONCE from a 401 or 438 (RFC 8489 §9.2.5); false when it has no NONCE or no realm is known.</summary>
    public bool TakeChallenge(StunMessage answer)
    {
        var nonce = answer.GetAttribute<StunTextAttribute>(StunAttributeType.Nonce);
        if (nonce is null)
        {
            return false;
        }

        Nonce = nonce.Value;
        Realm = answer.GetAttribute<StunTextAttribute>(StunAttributeType.Realm)?.Value ?? Realm;
        return Realm is not null;
    }

    /// <summary>An authenticated request of <paramref name="method"/> with <paramref name="attributes"/>, sent and answered.</summary>
    public Task<StunMessage> RequestAsync(StunMethod method, params StunAttribute[] attributes)
    {
        var request = new StunMessageBuilder(method, StunClass.Request);
        foreach (var attribute in attributes)
        {
            request.Add(attribute);
        }

        return ExchangeAsync(Authenticate(request));
    }

    /// <summary>Refresh (RFC 8656 §8) with LIFETIME <paramref name="lifetime"/>; 0 deletes the allocation.</summary>
    public async Task<StunMessage> RefreshAsync(uint lifetime)
    {
        var answer = await RequestAsync(StunMethod.Refresh, new StunNumberAttribute(StunAttributeType.Lifetime, lifetime)).ConfigureAwait(false);
        if (lifetime == 0 && answer.Class == StunClass.SuccessResponse)
        {
            _allocated = false;
        }

        return answer;
    }

    /// <summary>CreatePermission (RFC 8656 §9) for <paramref name="peer"/>'s address.</summary>
    public Task<StunMessage> CreatePermissionAsync(IPEndPoint peer) =>
        RequestAsync(StunMethod.CreatePermission, new StunXorAddressAttribute(StunAttributeType.XorPeerAddress, peer));

    /// <summary>A Send indication (RFC 8656 §11.1) carrying <paramref name="data"/> to <paramref name="peer"/>.</summary>
    public Task SendIndicationAsync(IPEndPoint peer, byte[] data) =>
        SendAsync(new StunMessageBuilder(StunMethod.Send, StunClass.Indication)
            .Add(new StunXorAddressAttribute(StunAttributeType.XorPeerAddress, peer))
            .Add(new StunBytesAttribute(StunAttributeType.Data, data))
            .Encode());

    /// <summary>The next indication from the server (e.g. a Data indication, RFC 8656 §11.4), within 3 s.</summary>
    public async Task<StunMessage> ReceiveIndicationAsync()
    {
        if (_indications.Count > 0)
        {
            return _indications.Dequeue();
        }

        using var bound = new CancellationTokenSource(Limit);
        while (true)
        {
            var message = await ReceiveAsync(bound.Token).ConfigureAwait(false);
            if (message.Class == StunClass.Indication)
            {
                return message;
            }
        }
    }

    /// <summary>Sends <paramref name="request"/> and returns the answer with its transaction id (indications met meanwhile are kept for <see cref="ReceiveIndicationAsync"/>), within 3 s.</summary>
    public async Task<StunMessage> ExchangeAsync(StunMessageBuilder request)
    {
        await SendAsync(request.Encode()).ConfigureAwait(false);
        using var bound = new CancellationTokenSource(Limit);
        while (true)
        {
            var message = await ReceiveAsync(bound.Token).ConfigureAwait(false);
            if (message.TransactionId == request.TransactionId)
            {
                return message;
            }

            if (message.Class == StunClass.Indication)
            {
                _indications.Enqueue(message);
            }
        }
    }

    /// <summary>Forgets the allocation so that disposing only closes the socket, as a client that dies would.</summary>
    public void ForgetAllocation() => _allocated = false;

    /// <summary>Deletes a live allocation (best effort, 3 s bound) and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_allocated)
            {
                await RefreshAsync(0).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or InvalidDataException)
        {
            // The server is gone or silent: nothing left to delete there.
        }
        finally
        {
            if (_stream is not null)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }

            _socket.Dispose();
        }
    }

    private static async Task<Socket> ConnectAsync(IPEndPoint server)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var bound = new CancellationTokenSource(Limit);
            await socket.ConnectAsync(server, bound.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private StunMessageBuilder Authenticate(StunMessageBuilder request)
    {
        if (Username is null || _key is null || Realm is null || Nonce is null)
        {
            throw new InvalidOperationException("No credentials yet: allocate with a user first.");
        }

        return request
            .Add(new StunTextAttribute(StunAttributeType.Username, Username))
            .Add(new StunTextAttribute(StunAttributeType.Realm, Realm))
            .Add(new StunTextAttribute(StunAttributeType.Nonce, Nonce))
            .AddMessageIntegrity(_key);
    }

    private async Task SendAsync(byte[] bytes)
    {
        using var bound = new CancellationTokenSource(Limit);
        if (_stream is null)
        {
            await _socket.SendAsync(bytes, SocketFlags.None, bound.Token).ConfigureAwait(false);
        }
        else
        {
            await _stream.WriteAsync(bytes, bound.Token).ConfigureAwait(false);
            await _stream.FlushAsync(bound.Token).ConfigureAwait(false);
        }
    }

    private async Task<StunMessage> ReceiveAsync(CancellationToken cancel)
    {
        int count;
        if (_stream is null)
        {
            count = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancel).ConfigureAwait(false);
        }
        else
        {
            await _stream.ReadExactlyAsync(_buffer.AsMemory(0, StunMessage.HeaderLength), cancel).ConfigureAwait(false);
            var length = (_buffer[2] << 8) | _buffer[3];
            await _stream.ReadExactlyAsync(_buffer.AsMemory(StunMessage.HeaderLength, length), cancel).ConfigureAwait(false);
            count = StunMessage.HeaderLength + length;
        }

        if (!StunDecoder.TryDecode(_buffer, 0, count, out var message, out var error))
        {
            throw new InvalidDataException("The server sent something that does not decode as STUN: " + error);
        }

        return message!;
    }
}
