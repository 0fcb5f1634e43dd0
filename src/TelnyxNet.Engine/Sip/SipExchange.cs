namespace TelnyxNet.Engine.Sip;

/// <summary>What one OPTIONS transaction got: the final response, how long it took, how many sends and what was ignored on the way.</summary>
internal sealed class SipExchange
{
    public SipExchange(SipOptionsRequest request, SipResponse response, TimeSpan roundTrip, int transmissions, int provisional, string? tlsProtocol)
    {
        Request = request;
        Response = response;
        RoundTrip = roundTrip;
        Transmissions = transmissions;
        Provisional = provisional;
        TlsProtocol = tlsProtocol;
    }

    public SipOptionsRequest Request { get; }

    /// <summary>The final (2xx to 6xx) response.</summary>
    public SipResponse Response { get; }

    /// <summary>From the last transmission to the final response.</summary>
    public TimeSpan RoundTrip { get; }

    /// <summary>Requests sent, retransmissions included (1 over TCP and TLS).</summary>
    public int Transmissions { get; }

    /// <summary>Provisional (1xx) responses before the final one.</summary>
    public int Provisional { get; }

    /// <summary>The negotiated TLS version, over TLS.</summary>
    public string? TlsProtocol { get; }

    /// <summary>True when <paramref name="response"/> answers <paramref name="request"/> (RFC 3261 §17.1.3: the top Via's branch and the CSeq method), or carries its Call-ID and CSeq (a branch rewritten on the way is ALG evidence, not another transaction).</summary>
    public static bool Matches(SipOptionsRequest request, SipResponse response)
    {
        var cseq = response.Header("CSeq").Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (cseq.Length != 2 || cseq[0] != request.CSeq.ToString(System.Globalization.CultureInfo.InvariantCulture) || !string.Equals(cseq[1], "OPTIONS", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var vias = response.Vias;
        return (vias.Count > 0 && SipVia.TryParse(vias[0], out var top) && top!.Branch == request.Branch)
            || string.Equals(response.Header("Call-ID"), request.CallId, StringComparison.Ordinal);
    }
}
