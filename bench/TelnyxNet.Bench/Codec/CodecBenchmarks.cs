using BenchmarkDotNet.Attributes;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Bench.Codec;

/// <summary>Micro-benchmarks of the STUN codec (RFC 8489 §5, §14) on fixed inputs.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private static readonly TransactionId FixedId = TransactionId.FromBytes(Rfc5769.SampleRequest, 8);
    private static readonly StunTextAttribute Software = new(StunAttributeType.Software, "TelnyxNet bench");
    private readonly byte[] _shortTermKey = StunCredentials.ShortTermKey(Rfc5769.Password);

    /// <summary>The Binding request the STUN probe sends: a bare header (RFC 8489 §6.1).</summary>
    [Benchmark(Baseline = true)]
    public byte[] Encode_binding_request() =>
        new StunMessageBuilder(StunMethod.Binding, StunClass.Request, FixedId).Encode();

    /// <summary>A Binding request with SOFTWARE and FINGERPRINT (RFC 8489 §14.7): adds the CRC-32.</summary>
    [Benchmark]
    public byte[] Encode_binding_request_with_software_and_fingerprint() =>
        new StunMessageBuilder(StunMethod.Binding, StunClass.Request, FixedId).Add(Software).AddFingerprint().Encode();

    /// <summary>Decodes RFC 5769 §2.2 (XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY, FINGERPRINT checked) and reads the mapped address.</summary>
    [Benchmark]
    public int Decode_vector_2_2()
    {
        StunDecoder.TryDecode(Rfc5769.SampleIPv4Response, out var message, out _);
        return message!.MappedEndPoint!.Port;
    }

    /// <summary>Decodes RFC 5769 §2.1 (FINGERPRINT checked by the decoder) and verifies its MESSAGE-INTEGRITY (RFC 8489 §14.5).</summary>
    [Benchmark]
    public bool Decode_and_verify_vector_2_1()
    {
        StunDecoder.TryDecode(Rfc5769.SampleRequest, out var message, out _);
        return message!.VerifyMessageIntegrity(_shortTermKey);
    }

    /// <summary>Fails the run at once if a vector no longer decodes or verifies, rather than timing an error path.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (Decode_vector_2_2() != 32853 || !Decode_and_verify_vector_2_1())
        {
            throw new InvalidOperationException("RFC 5769 vectors 2.1/2.2 did not decode and verify; the codec is broken.");
        }
    }
}
