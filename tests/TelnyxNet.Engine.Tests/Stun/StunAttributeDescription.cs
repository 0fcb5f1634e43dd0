using System.Globalization;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>
/// A canonical text of an attribute's type, class and typed value, so that two attributes can be
/// compared value by value. Fails for an attribute class it does not know, so that a new class
/// cannot slip past the comparisons.
/// </summary>
internal static class StunAttributeDescription
{
    public static string Describe(StunAttribute attribute) =>
        attribute.Type.ToString("x4", CultureInfo.InvariantCulture) + " " + attribute.GetType().Name + " " + DescribeValue(attribute);

    private static string DescribeValue(StunAttribute attribute) => attribute switch
    {
        StunXorAddressAttribute a => a.EndPoint.ToString(),
        StunAddressAttribute a => a.EndPoint.ToString(),
        StunTextAttribute a => Convert.ToHexString(a.GetBytes()),
        StunErrorCodeAttribute a => a.Code + " " + a.Reason,
        StunMessageIntegrityAttribute a => (a.IsSha256 ? "sha256 " : "sha1 ") + Convert.ToHexString(a.GetHmac()),
        StunFingerprintAttribute a => a.Value.ToString("x8", CultureInfo.InvariantCulture),
        StunUnknownAttributesAttribute a => string.Join(",", a.Types),
        StunBytesAttribute a => Convert.ToHexString(a.GetValue()),
        StunNumberAttribute a => a.Value.ToString(CultureInfo.InvariantCulture),
        StunFlagAttribute => "set",
        StunShortFieldAttribute a => a.Value.ToString(CultureInfo.InvariantCulture),
        StunPasswordAlgorithmsAttribute a => string.Join(",", a.Entries.Select(e => (ushort)e.Algorithm + ":" + Convert.ToHexString(e.Parameters.ToArray()))),
        StunChangeRequestAttribute a => "ip=" + a.ChangeIp + " port=" + a.ChangePort,
        StunRawAttribute a => Convert.ToHexString(a.GetValue()),
        _ => throw new InvalidOperationException("No description for " + attribute.GetType().Name + "; add a case to StunAttributeDescription."),
    };
}
