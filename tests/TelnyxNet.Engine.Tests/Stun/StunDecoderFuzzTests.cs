using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>
/// The decoder against 180,000 hostile inputs per run from fixed seeds: it never throws, a failure
/// always says where, and a success re-decodes from its own bytes to an equal message and rebuilds
/// through <see cref="StunMessageBuilder"/> to an equivalent one. A failure names the run seed and
/// iteration; <see cref="StunFuzzInputs.ForIteration"/> replays that one input.
/// </summary>
public sealed class StunDecoderFuzzTests
{
    private const int MutationSeed = 5769;
    private const int RandomBufferSeed = 8489;
    private const int AttributeStreamSeed = 8656;

    [Fact]
    public void Mutations_of_the_vectors_and_the_corpus_never_break_the_decoder()
    {
        var successes = Run("mutation", MutationSeed, 100_000, StunFuzzInputs.Mutation);

        Assert.True(successes > 5_000, "only " + successes + " of 100,000 mutations decoded; the mutator no longer reaches the attribute decoders (seed " + MutationSeed + ")");
    }

    [Fact]
    public void Random_buffers_never_break_the_decoder()
    {
        Run("random buffer", RandomBufferSeed, 30_000, StunFuzzInputs.RandomBuffer);
    }

    [Fact]
    public void Random_attribute_streams_behind_a_valid_header_never_break_the_decoder()
    {
        var successes = Run("attribute stream", AttributeStreamSeed, 50_000, StunFuzzInputs.AttributeStream);

        Assert.True(successes > 10_000, "only " + successes + " of 50,000 attribute streams decoded (seed " + AttributeStreamSeed + ")");
    }

    private static int Run(string kind, int seed, int iterations, Func<Random, byte[]> generate)
    {
        var successes = 0;
        for (var i = 0; i < iterations; i++)
        {
            var random = StunFuzzInputs.ForIteration(seed, i);
            var input = generate(random);
            if (CheckOne(input, random, kind + " seed " + seed + " iteration " + i))
            {
                successes++;
            }
        }

        return successes;
    }

    private static bool CheckOne(byte[] input, Random random, string where)
    {
        string Context() => where + ", input " + Convert.ToHexString(input);

        var decoded = TryDecode(input, 0, input.Length, Context);
        if (random.Next(4) == 0)
        {
            var before = random.Next(0, 9);
            var padded = new byte[before + input.Length + random.Next(0, 9)];
            random.NextBytes(padded);
            input.CopyTo(padded, before);
            var embedded = TryDecode(padded, before, input.Length, Context);
            Check(decoded.Error?.ToString() == embedded.Error?.ToString(), Context, "decoding inside a larger buffer gave " + embedded.Error + " instead of " + decoded.Error);
            if (decoded.Message != null)
            {
                StunMessageAssert.Identical(decoded.Message, embedded.Message!, Context());
            }
        }

        if (decoded.Message is not { } message)
        {
            var error = decoded.Error!;
            Check(error.Offset >= 0 && error.Offset <= input.Length, Context, "error offset " + error.Offset + " outside the input: " + error);
            Check(error.Reason.Length > 0, Context, "empty reason");
            Check(error.AttributeType is null || error.Offset >= 20, Context, "an attribute error inside the header: " + error);
            return false;
        }

        Check(message.Length == input.Length && message.ToArray().AsSpan().SequenceEqual(input), Context, "ToArray() is not the input");
        var again = TryDecode(message.ToArray(), 0, message.Length, Context);
        Check(again.Message != null, Context, "ToArray() does not decode again: " + again.Error);
        StunMessageAssert.Identical(message, again.Message!, Context());

        var rebuilt = Rebuild(message, (byte)random.Next(256), Context);
        var redecoded = TryDecode(rebuilt, 0, rebuilt.Length, Context);
        Check(redecoded.Message != null, Context, "the rebuilt message " + Convert.ToHexString(rebuilt) + " does not decode: " + redecoded.Error);
        StunMessageAssert.Equivalent(message, redecoded.Message!, Context() + ", rebuilt " + Convert.ToHexString(rebuilt), ignoreFingerprintValue: true);
        return true;
    }

    private static (StunMessage? Message, StunDecodeError? Error) TryDecode(byte[] buffer, int offset, int count, Func<string> context)
    {
        try
        {
            var ok = StunDecoder.TryDecode(buffer, offset, count, out var message, out var error);
            Check(ok == (message != null) && ok == (error is null), context, "result " + ok + " with message " + (message != null) + " and error " + error);
            return (message, error);
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(context() + ": TryDecode threw.", exception);
        }
    }

    /// <summary>Every decoded attribute but FINGERPRINT, added in order to a builder; FINGERPRINT recomputed.</summary>
    private static byte[] Rebuild(StunMessage message, byte paddingByte, Func<string> context)
    {
        var builder = new StunMessageBuilder(message.Method, message.Class, message.TransactionId) { PaddingByte = paddingByte };
        foreach (var attribute in message.Attributes.Where(a => a.Type != StunAttributeType.Fingerprint))
        {
            builder.Add(attribute);
        }

        if (message.GetAttribute(StunAttributeType.Fingerprint) != null)
        {
            builder.AddFingerprint();
        }

        try
        {
            return builder.Encode();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(context() + ": re-encoding the decoded attributes threw.", exception);
        }
    }

    private static void Check(bool condition, Func<string> context, string what)
    {
        if (!condition)
        {
            Assert.Fail(context() + ": " + what);
        }
    }
}
