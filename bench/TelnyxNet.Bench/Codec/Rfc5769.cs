namespace TelnyxNet.Bench.Codec;

/// <summary>The RFC 5769 test vectors the codec benchmarks use (same bytes as shared/reference/rfc5769-vectors.md).</summary>
internal static class Rfc5769
{
    /// <summary>The short-term password of vectors 2.1 to 2.3 (RFC 5769 §2).</summary>
    public const string Password = "VOkJxbRl1RmTxUk/WvJxBt";

    /// <summary>RFC 5769 §2.1: Binding request with SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME, MESSAGE-INTEGRITY, FINGERPRINT.</summary>
    public static readonly byte[] SampleRequest = Convert.FromHexString(
        "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e207465737420636c69656e74002400046e0001ff80290008932ff9b151263b36000600096576746a3a68367659202020000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf");

    /// <summary>RFC 5769 §2.2: IPv4 Binding success response with SOFTWARE, XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY, FINGERPRINT.</summary>
    public static readonly byte[] SampleIPv4Response = Convert.FromHexString(
        "0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220002000080001a147e112a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d780280004c07d4c96");
}
