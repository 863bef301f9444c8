using Reconciler.Model.Validation;

namespace Reconciler.Model.Tests.Validation;

public sealed class Ipv4CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/16", 0x0A000000u, 16, 0x0A000000u, 0x0A00FFFFu)]
    [InlineData("0.0.0.0/0", 0u, 0, 0u, 0xFFFFFFFFu)]
    [InlineData("192.168.1.7/32", 0xC0A80107u, 32, 0xC0A80107u, 0xC0A80107u)]
    [InlineData("255.255.255.0/24", 0xFFFFFF00u, 24, 0xFFFFFF00u, 0xFFFFFFFFu)]
    public void TryParse_Should_ReadNetworkPrefixAndRange_When_TheBlockIsValid(string text, uint network, int prefix, uint first, uint last)
    {
        Assert.True(Ipv4Cidr.TryParse(text, out var cidr, out var error), error);

        Assert.Equal(string.Empty, error);
        Assert.Equal((network, prefix, first, last), (cidr.Network, cidr.Prefix, cidr.First, cidr.Last));
        Assert.Equal(text, cidr.ToString());
    }

    [Theory]
    [InlineData("0.0.0.0/0", 0x00000000u)]
    [InlineData("10.0.0.0/8", 0xFF000000u)]
    [InlineData("10.0.0.0/20", 0xFFFFF000u)]
    [InlineData("10.0.0.1/32", 0xFFFFFFFFu)]
    public void Mask_Should_CoverThePrefixBits_When_ThePrefixVaries(string text, uint mask)
    {
        Assert.True(Ipv4Cidr.TryParse(text, out var cidr, out _));

        Assert.Equal(mask, cidr.Mask);
    }

    [Theory]
    [InlineData("10.0.0.1/16", "'10.0.0.1/16' has host bits set; the network is 10.0.0.0/16")]
    [InlineData("10.0.1.0/8", "'10.0.1.0/8' has host bits set; the network is 10.0.0.0/8")]
    [InlineData("10.0.256.0/24", "'10.0.256.0/24' is not a CIDR block ('256' is not an octet 0-255)")]
    [InlineData("10.0.-1.0/24", "'10.0.-1.0/24' is not a CIDR block ('-1' is not an octet 0-255)")]
    [InlineData("10.0.0001.0/24", "'10.0.0001.0/24' is not a CIDR block ('0001' is not an octet 0-255)")]
    [InlineData("10..0.0/24", "'10..0.0/24' is not a CIDR block ('' is not an octet 0-255)")]
    [InlineData("10.a.0.0/24", "'10.a.0.0/24' is not a CIDR block ('a' is not an octet 0-255)")]
    [InlineData("10.0.0.0", "'10.0.0.0' is not a CIDR block (expected a.b.c.d/n)")]
    [InlineData("10.0.0/24", "'10.0.0/24' is not a CIDR block (expected a.b.c.d/n with n from 0 to 32)")]
    [InlineData("10.0.0.0/33", "'10.0.0.0/33' is not a CIDR block (expected a.b.c.d/n with n from 0 to 32)")]
    [InlineData("10.0.0.0/-1", "'10.0.0.0/-1' is not a CIDR block (expected a.b.c.d/n with n from 0 to 32)")]
    [InlineData("10.0.0.0/", "'10.0.0.0/' is not a CIDR block (expected a.b.c.d/n with n from 0 to 32)")]
    [InlineData(" 10.0.0.0/16", "' 10.0.0.0/16' is not a CIDR block (' 10' is not an octet 0-255)")]
    public void TryParse_Should_FailWithAReason_When_TheBlockIsInvalid(string text, string message)
    {
        Assert.False(Ipv4Cidr.TryParse(text, out var cidr, out var error));

        Assert.Equal(message, error);
        Assert.Equal(default, cidr);
    }

    [Theory]
    [InlineData("10.0.0.0/16", "10.0.1.0/24", true)]
    [InlineData("10.0.0.0/16", "10.0.0.0/16", true)]
    [InlineData("10.0.0.0/16", "10.0.255.240/28", true)]
    [InlineData("10.0.0.0/16", "10.1.0.0/24", false)]
    [InlineData("10.0.0.0/16", "10.0.0.0/8", false)]
    [InlineData("0.0.0.0/0", "192.168.0.0/16", true)]
    public void Contains_Should_BeTrueOnlyForBlocksInside_When_TwoBlocksAreCompared(string outer, string inner, bool expected)
    {
        Assert.True(Ipv4Cidr.TryParse(outer, out var a, out _));
        Assert.True(Ipv4Cidr.TryParse(inner, out var b, out _));

        Assert.Equal(expected, a.Contains(b));
    }

    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.128/25", true)]
    [InlineData("10.0.0.0/24", "10.0.1.0/24", false)]
    [InlineData("10.0.0.0/16", "10.0.200.0/24", true)]
    [InlineData("10.0.0.0/25", "10.0.0.128/25", false)]
    [InlineData("0.0.0.0/0", "255.255.255.255/32", true)]
    public void Overlaps_Should_BeSymmetric_When_TwoBlocksShareOrDoNotShareAddresses(string left, string right, bool expected)
    {
        Assert.True(Ipv4Cidr.TryParse(left, out var a, out _));
        Assert.True(Ipv4Cidr.TryParse(right, out var b, out _));

        Assert.Equal(expected, a.Overlaps(b));
        Assert.Equal(expected, b.Overlaps(a));
    }
}
