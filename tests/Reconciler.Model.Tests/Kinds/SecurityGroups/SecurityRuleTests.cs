using Reconciler.Model.Graph;

namespace Reconciler.Model.Tests.Kinds.SecurityGroups;

public sealed class SecurityRuleTests
{
    [Theory]
    [InlineData("tcp", 443, 443, "0.0.0.0/0", "tcp:443-443:0.0.0.0/0")]
    [InlineData("TCP", 1000, 2000, "10.0.0.0/16", "tcp:1000-2000:10.0.0.0/16")]
    [InlineData("6", 80, null, "0.0.0.0/0", "tcp:80-80:0.0.0.0/0")]
    [InlineData("17", 53, 53, "10.0.0.0/16", "udp:53-53:10.0.0.0/16")]
    [InlineData("1", -1, -1, "0.0.0.0/0", "icmp:-1--1:0.0.0.0/0")]
    [InlineData("icmp", 3, -1, "0.0.0.0/0", "icmp:3--1:0.0.0.0/0")]
    [InlineData("all", null, null, "0.0.0.0/0", "-1:all:0.0.0.0/0")]
    [InlineData("-1", 0, 65535, "0.0.0.0/0", "-1:all:0.0.0.0/0")]
    [InlineData("tcp", null, null, "0.0.0.0/0", "tcp:0-0:0.0.0.0/0")]
    public void Create_Should_WriteOneFormForSpecAndAws_When_ProtocolsAndPortsAreSpeltDifferently(string protocol, int? from, int? to, string cidr, string expected)
    {
        var rule = SecurityRule.Create(protocol, from, to, cidr: cidr);

        Assert.Equal(expected, rule.Display);
    }

    [Fact]
    public void Create_Should_MakeEqualRecords_When_TheSpecAndAwsSpellTheSameRuleDifferently()
    {
        // AWS may answer an all-protocols rule with ports 0-65535 or none, and tcp as 6 (IpPermission, EC2 API reference).
        Assert.Equal(SecurityRule.AllowAllEgress, SecurityRule.Create("-1", 0, 65535, cidr: "0.0.0.0/0"));
        Assert.Equal(SecurityRule.Create("tcp", 80, null, cidr: "0.0.0.0/0"), SecurityRule.Create("6", 80, 80, cidr: "0.0.0.0/0"));
        Assert.NotEqual(SecurityRule.Create("tcp", 80, 80, cidr: "0.0.0.0/0"), SecurityRule.Create("tcp", 80, 81, cidr: "0.0.0.0/0"));
        Assert.NotEqual(SecurityRule.Create("tcp", 80, 80, cidr: "10.0.0.0/8"), SecurityRule.Create("tcp", 80, 80, sourceGroup: "10.0.0.0/8"));
    }

    [Theory]
    [InlineData(null, "sg-1", null, null, "tcp:22-22:sg:sg-1")]
    [InlineData(null, null, "::/0", null, "tcp:22-22:::/0")]
    [InlineData(null, null, null, "pl-1", "tcp:22-22:pl:pl-1")]
    public void Display_Should_PrefixTheTarget_When_ItIsAGroupOrAPrefixList(string? cidr, string? group, string? ipv6, string? list, string expected)
    {
        Assert.Equal(expected, SecurityRule.Create("tcp", 22, 22, cidr, group, ipv6, list).Display);
    }

    [Fact]
    public void Create_Should_Throw_When_TheRuleHasNoTargetOrTwo()
    {
        Assert.Throws<ArgumentException>(() => SecurityRule.Create("tcp", 22, 22));
        Assert.Throws<ArgumentException>(() => SecurityRule.Create("tcp", 22, 22, cidr: "0.0.0.0/0", sourceGroup: "sg-1"));
    }

    [Fact]
    public void FromSpec_Should_ReferToTheSourceGroup_When_ARuleNamesAGroup()
    {
        var rule = SecurityRule.FromSpec(new RuleSpec("tcp", 5432, null, null, "web"));

        Assert.Equal("tcp:5432-5432:sg:${security-group/web}", rule.Display);
        Assert.Equal(["security-group/web"], rule.ReferencedIds());
        Assert.True(rule.NamesGroup);
        var resolved = (SecurityRule)rule.Resolve(id => id == "security-group/web" ? "sg-123" : null);
        Assert.Equal(SecurityRule.Create("tcp", 5432, 5432, sourceGroup: "sg-123"), resolved);
        Assert.True(((SecurityRule)rule.Resolve(_ => null)).IsUnresolved);
    }

    [Fact]
    public void FromSpec_Should_KeepTheRange_When_ARuleHasAToPort()
    {
        Assert.Equal("udp:1000-2000:10.0.0.0/8", SecurityRule.FromSpec(new RuleSpec("udp", 1000, 2000, "10.0.0.0/8", null)).Display);
        Assert.Equal(SecurityRule.AllowAllEgress, SecurityRule.FromSpec(new RuleSpec("all", null, null, "0.0.0.0/0", null)));
    }
}
