using System.IO;
using System.Text;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// Opens a tunnel through an HTTP proxy with CONNECT (RFC 9110 §9.3.6): any 2xx opens it; 407
/// (§15.5.8) is <see cref="FailureReason.ProxyAuthenticationRequired"/> with the schemes the proxy
/// offers (Proxy-Authenticate, §11.7.1); every other status is <see cref="FailureReason.ProxyRefused"/>
/// with its code. A credential is sent at once as Basic (RFC 7617), as curl does with --proxy-user.
/// </summary>
internal static class ProxyTunnel
{
    /// <summary>What the proxy answered CONNECT with.</summary>
    internal sealed class Answer
    {
        public Answer(HttpResponseHead head, string answeredBy, string peer, string authority, ProxyCredential? credential)
        {
            Head = head;
            AnsweredBy = answeredBy;
            Peer = peer;
            Authority = authority;
            Credential = credential;
        }

        public HttpResponseHead Head { get; }

        public string AnsweredBy { get; }

        private string Peer { get; }

        private string Authority { get; }

        private ProxyCredential? Credential { get; }

        /// <summary>Returns when the tunnel is open (2xx and nothing more); throws <see cref="ProbeException"/> otherwise.</summary>
        public void ThrowUnlessOpen()
        {
            if (Head.Status >= 200 && Head.Status < 300)
            {
                if (Head.Rest.Length > 0)
                {
                    throw new ProbeException(FailureReason.ProtocolError, Peer + " sent " + Head.Rest.Length + " bytes after opening the tunnel, before the server could speak.");
                }

                return;
            }

            if (Head.Status == 407)
            {
                var schemes = Challenges(Head);
                var offered = schemes.Count == 0 ? "no Proxy-Authenticate challenge" : string.Join("; ", schemes);
                var basic = schemes.Any(s => s.StartsWith("Basic", StringComparison.OrdinalIgnoreCase));
                var message = Credential is null
                    ? Peer + " requires authentication (407 " + Head.Reason + "); it offers " + offered + ". Give the proxy credential (-ProxyCredential, or the user information of the proxy URI)."
                    : basic
                        ? Peer + " refused the credentials of user " + Credential.Username + " (407); it offers " + offered + "."
                        : Peer + " does not accept Basic credentials (407); it offers " + offered + ", which this test does not speak.";
                throw new ProbeException(FailureReason.ProxyAuthenticationRequired, message) { ErrorCode = 407, ErrorReason = offered };
            }

            throw new ProbeException(FailureReason.ProxyRefused, Peer + " refused to open a tunnel to " + Authority + ": " + Head.StatusLine + (AnsweredBy.Length > 0 ? " (" + AnsweredBy + ")" : string.Empty) + ".") { ErrorCode = Head.Status, ErrorReason = Head.Reason };
        }
    }

    /// <summary>
    /// Sends CONNECT for <paramref name="target"/> over <paramref name="stream"/> (already connected to the
    /// proxy) and reads the answer, which the caller checks (<see cref="Answer.ThrowUnlessOpen"/>).
    /// The caller bounds the time (its deadline tears the stream down).
    /// </summary>
    public static async Task<Answer> OpenAsync(Stream stream, SignalingTarget target, Uri proxy, ProxyCredential? credential, string userAgent, IEngineLog log)
    {
        var authority = target.HostAndPort(defaultPortOmitted: false);
        var request = new StringBuilder()
            .Append("CONNECT ").Append(authority).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(authority).Append("\r\n")
            .Append("User-Agent: ").Append(userAgent).Append("\r\n");
        if (credential != null)
        {
            request.Append("Proxy-Authorization: ").Append(credential.BasicAuthorization()).Append("\r\n");
        }

        request.Append("\r\n");
        var bytes = Encoding.ASCII.GetBytes(request.ToString());
        log.Verbose("CONNECT " + authority + " through the proxy " + proxy.Authority + (credential is null ? string.Empty : " as " + credential.Username + " (Basic)") + ".");
        await stream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
        Array.Clear(bytes, 0, bytes.Length);

        var peer = "The proxy " + proxy.Authority;
        var head = await HttpResponseHead.ReadAsync(stream, peer).ConfigureAwait(false);
        var answeredBy = AnsweredBy(head);
        log.Verbose(peer + " answered CONNECT with " + head.StatusLine + (answeredBy.Length > 0 ? " (" + answeredBy + ")" : string.Empty) + ".");
        return new Answer(head, answeredBy, peer, authority, credential);
    }

    /// <summary>Who answered, as the Via and Server fields name it ("Via: 1.1 squid; Server: squid/5.7"), or empty.</summary>
    public static string AnsweredBy(HttpResponseHead head) =>
        string.Join("; ", new[] { "Via", "Server" }.Select(n => head.Value(n) is string v ? n + ": " + v : null).Where(v => v != null));

    /// <summary>
    /// The challenges of every Proxy-Authenticate field (RFC 9110 §11.6.1): each starts with a scheme
    /// token; parameters (<c>realm="…"</c>) stay with their scheme. Commas inside quotes are kept.
    /// </summary>
    internal static IReadOnlyList<string> Challenges(HttpResponseHead head)
    {
        var challenges = new List<string>();
        foreach (var value in head.Values("Proxy-Authenticate"))
        {
            foreach (var part in SplitOutsideQuotes(value))
            {
                var trimmed = part.Trim();
                if (trimmed.Length == 0)
                {
                    continue;
                }

                var firstWord = trimmed.Split(' ')[0];
                if (challenges.Count == 0 || (firstWord.IndexOf('=') < 0 && !firstWord.EndsWith("=", StringComparison.Ordinal)))
                {
                    challenges.Add(trimmed);
                }
                else
                {
                    challenges[challenges.Count - 1] += ", " + trimmed;
                }
            }
        }

        return challenges;
    }

    private static IEnumerable<string> SplitOutsideQuotes(string value)
    {
        var quoted = false;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '"' && (i == 0 || value[i - 1] != '\\'))
            {
                quoted = !quoted;
            }
            else if (value[i] == ',' && !quoted)
            {
                yield return value.Substring(start, i - start);
                start = i + 1;
            }
        }

        yield return value.Substring(start);
    }
}
