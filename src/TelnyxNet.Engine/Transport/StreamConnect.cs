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
/// ConnectionReset, TlsFailure). A failure after TCP connected says so
/// (<see cref="ProbeException.Connected"/>), so that no remediation blames a firewall that drops TCP.
/// Used by the STUN/TURN stream client, the signaling probe, SIP over TCP/TLS and DNS over TCP.
/// </summary>
internal static class StreamConnect
{
    /// <summary>Connects <paramref name="socket"/> to <paramref name="remote"/> within <paramref name="timeout"/>; disposes the socket when the time runs out.</summary>
    public static Task ConnectAsync(Socket socket, IPEndPoint remote, TimeSpan timeout, IClock clock, CancellationToken cancellationToken) =>
        Deadline.RunAsync(ConnectSocketAsync(socket, remote), timeout, clock, socket.Dispose, "TCP connection to " + remote, cancellationToken);

    /// <summary>
    /// Connects, unbounded (the caller bounds it). A reset in answer to the SYN is "refused"
    /// (ECONNREFUSED); a reset while connecting means the server's side accepted and then reset at
    /// once (ECONNRESET), which is no firewall's refusal.
    /// </summary>
    public static async Task ConnectSocketAsync(Socket socket, IPEndPoint remote)
    {
        try
        {
            await socket.ConnectAsync(remote).ConfigureAwait(false);
        }
        catch (SocketException ex) when (IsReset(ex))
        {
            throw new ProbeException(FailureReason.ConnectionReset, "TCP to " + remote + " was accepted and then reset at once (" + ex.SocketErrorCode + ": " + ex.Message + ").", ex) { Connected = true };
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Classify(ex, "TCP connection to " + remote);
        }
    }

    /// <summary>
    /// A TLS client handshake over <paramref name="inner"/> naming <paramref name="tlsHost"/> (SNI and
    /// certificate name) within <paramref name="timeout"/>; <paramref name="validate"/> decides on the
    /// certificate, and <paramref name="rejection"/> says why it refused (null: it did not). When the
    /// time runs out, <paramref name="abort"/> tears the connection down and the failure is
    /// TlsFailure "no TLS on that port": TCP connected, the handshake got no answer. The caller owns the stream.
    /// </summary>
    public static async Task<SslStream> TlsAsync(Stream inner, Action abort, string peer, string tlsHost, RemoteCertificateValidationCallback validate, Func<string?> rejection, TimeSpan timeout, IClock clock, IEngineLog log, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, validate);
        try
        {
            log.Verbose("TLS handshake with " + peer + " as '" + tlsHost + "'.");
            try
            {
                await Deadline.RunAsync(AuthenticateAsync(ssl, tlsHost, peer, rejection), timeout, clock, abort, "TLS handshake with " + peer, cancellationToken).ConfigureAwait(false);
            }
            catch (ProbeException ex) when (ex.Reason == FailureReason.Timeout)
            {
                throw new ProbeException(FailureReason.TlsFailure, "TCP connected to " + peer + ", but the TLS handshake got no answer in " + Seconds(timeout) + " s: no TLS on that port (it waits for something else), or a device on the path holds the handshake.", ex) { Connected = true };
            }

            log.Verbose("TLS established: " + ssl.SslProtocol + ", " + ssl.CipherAlgorithm + ".");
            return ssl;
        }
        catch
        {
            ssl.Dispose();
            throw;
        }
    }

    /// <summary>True for a connection reset or abort (RST), directly or as the inner exception of an IOException.</summary>
    public static bool IsReset(Exception ex) =>
        (ex as SocketException ?? ex.InnerException as SocketException)?.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted;

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
            throw new ProbeException(FailureReason.TlsFailure, "TLS handshake with " + peer + " as '" + tlsHost + "' failed: " + (rejection() ?? ex.Message) + ".", ex) { Connected = true };
        }
        catch (IOException ex)
        {
            var how = IsReset(ex) ? "the connection was reset during the handshake" : "the connection closed during the handshake";
            throw new ProbeException(FailureReason.TlsFailure, "TLS handshake with " + peer + " failed: " + how + " (" + ex.Message + ").", ex) { Connected = true };
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture);
}
