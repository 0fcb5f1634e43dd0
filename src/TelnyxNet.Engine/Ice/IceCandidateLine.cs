using System.Globalization;
using System.Text;

namespace TelnyxNet.Engine.Ice;

/// <summary>
/// The <c>candidate</c> SDP attribute value, RFC 8839 §5.1:
/// <c>candidate:&lt;foundation&gt; &lt;component-id&gt; &lt;transport&gt; &lt;priority&gt;
/// &lt;connection-address&gt; &lt;port&gt; typ &lt;cand-type&gt; [raddr &lt;connection-address&gt;]
/// [rport &lt;port&gt;]</c>, transport and type in lower case as browsers write them, IPv6 addresses
/// without brackets (RFC 4566 §9 IP6-address). <c>a=</c> before it makes the SDP line.
/// </summary>
internal static class IceCandidateLine
{
    /// <summary>The SDP line prefix.</summary>
    public const string AttributePrefix = "a=";

    /// <summary>The attribute value for <paramref name="candidate"/>.</summary>
    public static string Format(IceCandidate candidate)
    {
        var line = new StringBuilder("candidate:")
            .Append(candidate.Foundation).Append(' ')
            .Append(candidate.Component.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(candidate.Protocol).Append(' ')
            .Append(candidate.Priority.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(candidate.Address).Append(' ')
            .Append(candidate.Port.ToString(CultureInfo.InvariantCulture))
            .Append(" typ ").Append(candidate.Type);
        if (candidate.RelatedAddress.Length > 0 && candidate.RelatedPort is int relatedPort)
        {
            line.Append(" raddr ").Append(candidate.RelatedAddress)
                .Append(" rport ").Append(relatedPort.ToString(CultureInfo.InvariantCulture));
        }

        return line.ToString();
    }
}
