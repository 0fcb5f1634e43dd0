using System.Net;
using TelnyxNet.Engine.Ice;

namespace TelnyxNet.Engine.Tests.Ice;

public sealed class AddressClassificationTests
{
    [Theory]
    [InlineData("10.0.0.2", "Private")]
    [InlineData("172.16.0.1", "Private")]
    [InlineData("172.31.255.254", "Private")]
    [InlineData("172.32.0.1", "Global")]
    [InlineData("192.168.1.10", "Private")]
    [InlineData("100.64.0.1", "Cgnat")]
    [InlineData("100.127.255.254", "Cgnat")]
    [InlineData("100.128.0.1", "Global")]
    [InlineData("100.63.255.255", "Global")]
    [InlineData("169.254.10.20", "LinkLocal")]
    [InlineData("fe80::1", "LinkLocal")]
    [InlineData("febf::1", "LinkLocal")]
    [InlineData("fec0::1", "Global")]
    [InlineData("fd00:1::2", "Ula")]
    [InlineData("fc00::1", "Ula")]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("::1", "Loopback")]
    [InlineData("203.0.113.1", "Global")]
    [InlineData("2001:db8::5", "Global")]
    [InlineData("::ffff:10.1.2.3", "Private")]
    public void Classifies_by_the_RFC_prefixes(string address, string expected) =>
        Assert.Equal(expected, AddressClassification.Classify(IPAddress.Parse(address)).ToString());
}
