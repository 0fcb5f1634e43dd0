using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>Message comparisons whose failure text carries a caller-given context (e.g. the fuzz seed).</summary>
internal static class StunMessageAssert
{
    /// <summary>
    /// Same type, transaction id, unknown comprehension-required list and attributes value by value;
    /// FINGERPRINT values are skipped when <paramref name="ignoreFingerprintValue"/> (after re-encoding
    /// with other padding bytes the checksum legitimately differs).
    /// </summary>
    public static void Equivalent(StunMessage expected, StunMessage actual, string context, bool ignoreFingerprintValue = false)
    {
        Check(expected.MessageType == actual.MessageType, context, "message type 0x" + expected.MessageType.ToString("x4") + " became 0x" + actual.MessageType.ToString("x4"));
        Check(expected.TransactionId == actual.TransactionId, context, "transaction id " + expected.TransactionId + " became " + actual.TransactionId);
        Check(expected.UnknownComprehensionRequired.SequenceEqual(actual.UnknownComprehensionRequired), context, "UnknownComprehensionRequired differs");
        string Describe(StunAttribute a) => ignoreFingerprintValue && a is StunFingerprintAttribute ? a.Name : StunAttributeDescription.Describe(a);
        var before = expected.Attributes.Select(Describe).ToArray();
        var after = actual.Attributes.Select(Describe).ToArray();
        Check(before.SequenceEqual(after), context, "attributes [" + string.Join("; ", before) + "] became [" + string.Join("; ", after) + "]");
    }

    /// <summary><see cref="Equivalent"/> plus the same bytes and the same count of ignored attributes.</summary>
    public static void Identical(StunMessage expected, StunMessage actual, string context)
    {
        Equivalent(expected, actual, context);
        Check(expected.ToArray().AsSpan().SequenceEqual(actual.ToArray()), context, "bytes differ");
        Check(expected.IgnoredAfterIntegrity == actual.IgnoredAfterIntegrity, context, "IgnoredAfterIntegrity differs");
    }

    private static void Check(bool condition, string context, string what)
    {
        if (!condition)
        {
            Assert.Fail(context + ": " + what);
        }
    }
}
