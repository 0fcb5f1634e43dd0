using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// The two bounded steps every stream probe takes: a TCP connect and a TLS client handshake, each
/// torn down when its time runs out, each failure classified (Refused, Unreachable, Timeout,
/// TlsFailure). Used by the STUN/TURN stream client and the signaling probe.
/// </summary>
internal static class StreamConnect
{
    /// <summary>Connects <paramref name="socket"/> to <paramref name="remote"/> within <paramref name="timeout"/>; disposes the socket when the time runs out.</summary>
    public static Task ConnectAsync(Socket socket, IPEndPoint remote, TimeSpan timeout, IClock clock, CancellationToken cancellationToken) =>
        Deadline.RunAsync(ConnectSocketAsync(socket, remote), timeout, clock, socket.Dispose, "TCP connection to " + remote, cancellationToken);

    /// <summary>
    /// A TLS client handshake over <paramref name="inner"/> naming <paramref name="tlsHost"/> (SNI and
    /// certificate name) within <paramref name="timeout"/>; <paramref name="validate"/> decides on the
    /// certificate, and <paramref name="rejection"/> says why it refused (null: it did not). When the
    /// time runs out, <paramref name="abort"/> tears the connection down. The caller owns the stream.
    /// </summary>
    public static async Task<SslStream> TlsAsync(Stream inner, Action abort, string peer, string tlsHost, RemoteCertificateValidationCallback validate, Func<string?> rejection, TimeSpan timeout, IClock clock, IEngineLog log, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, validate);
        try
        {
            log.Verbose("TLS handshake with " + peer + " as '" + tlsHost + "'.");
            await Deadline.RunAsync(AuthenticateAsync(ssl, tlsHost, peer, rejection), timeout, clock, abort, "TLS handshake with " + peer, cancellationToken).ConfigureAwait(false);
            log.Verbose("TLS established: " + ssl.SslProtocol + ", " + ssl.CipherAlgorithm + ".");
            return ssl;
        }
        catch
        {
            ssl.Dispose();
            throw;
        }
    }

    private static async Task ConnectSocketAsync(Socket socket, IPEndPoint remote)
    {
        try
        {
            await socket.ConnectAsync(remote).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Classify(ex, "TCP connection to " + remote);
        }
    }

    private static async Task AuthenticateAsync(SslStream ssl, string tlsHost, string peer, Func<string?> rejection)
    {
        try
        {
            // SslProtocols.None asks for the operating system's default versions explicitly. Without it,
            // .NET Framework (Windows PowerShell 5.1) falls back to the host exe's legacy defaults.
            await ssl.AuthenticateAsClientAsync(tlsHost, null, SslProtocols.None, checkCertificateRevocation: false).ConfigureAwait(false);
        }
        catch (AuthenticationException ex)
        {
            throw new ProbeException(FailureReason.TlsFailure, "TLS handshake with " + peer + " as '" + tlsHost + "' failed: " + (rejection() ?? ex.Message) + ".", ex);
        }
        catch (IOException ex)
        {
            throw new ProbeException(FailureReason.TlsFailure, "TLS handshake with " + peer + " failed: the connection closed during the handshake (" + ex.Message + ").", ex);
        }
    }
}
