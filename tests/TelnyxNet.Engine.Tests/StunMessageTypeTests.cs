using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests;

public sealed class StunMessageTypeTests
{
    [Theory]
    [InlineData(StunMethod.Binding, StunClass.Request, 0x0001)]
    [InlineData(StunMethod.Binding, StunClass.Indication, 0x0011)]
    [InlineData(StunMethod.Binding, StunClass.SuccessResponse, 0x0101)]
    [InlineData(StunMethod.Binding, StunClass.ErrorResponse, 0x0111)]
    [InlineData(StunMethod.Allocate, StunClass.Request, 0x0003)]
    [InlineData(StunMethod.Allocate, StunClass.ErrorResponse, 0x0113)]
    [InlineData(StunMethod.Send, StunClass.Indication, 0x0016)]
    [InlineData(StunMethod.Data, StunClass.Indication, 0x0017)]
    [InlineData(StunMethod.ChannelBind, StunClass.SuccessResponse, 0x0109)]
    public void Encodes_and_decodes_the_interleaved_type_field(StunMethod method, StunClass stunClass, int expected)
    {
        Assert.Equal(expected, StunMessageType.Encode(method, stunClass));
        Assert.Equal(method, StunMessageType.MethodOf((ushort)expected));
        Assert.Equal(stunClass, StunMessageType.ClassOf((ushort)expected));
    }

    [Fact]
    public void Every_12_bit_method_and_class_round_trips()
    {
        for (var m = 0; m < 0x1000; m++)
        {
            for (var c = 0; c < 4; c++)
            {
                var type = StunMessageType.Encode((StunMethod)m, (StunClass)c);
                Assert.Equal(0, type & 0xC000);
                Assert.Equal((StunMethod)m, StunMessageType.MethodOf(type));
                Assert.Equal((StunClass)c, StunMessageType.ClassOf(type));
            }
        }
    }
}
