using Reconciler.Model.Graph;
using Reconciler.Model.Spec;

namespace Reconciler.Model.Tests.Graph;

public sealed class SecurityRulesTests
{
    [Theory]
    [InlineData("tcp", 443, 443, "0.0.0.0/0", "tcp:443-443:0.0.0.0/0")]
    [InlineData("TCP", 1000, 2000, "10.0.0.0/16", "tcp:1000-2000:10.0.0.0/16")]
    [InlineData("6", 80, null, "0.0.0.0/0", "tcp:80-80:0.0.0.0/0")]
    [InlineData("17", 53, 53, "10.0.0.0/16", "udp:53-53:10.0.0.0/16")]
    [InlineData("1", -1, -1, "0.0.0.0/0", "icmp:-1--1:0.0.0.0/0")]
    [InlineData("icmp", 3, -1, "0.0.0.0/0", "icmp:3--1:0.0.0.0/0")]
    [InlineData("all", null, null, "0.0.0.0/0", SecurityRules.AllowAllEgress)]
    [InlineData("-1", 0, 65535, "sg:sg-0abc", "-1:all:sg:sg-0abc")]
    [InlineData("tcp", null, null, "0.0.0.0/0", "tcp:0-0:0.0.0.0/0")]
    public void Canonical_Should_WriteOneFormForSpecAndAws_When_ProtocolsAndPortsAreSpeltDifferently(string protocol, int? from, int? to, string target, string expected)
    {
        Assert.Equal(expected, SecurityRules.Canonical(protocol, from, to, target));
    }

    [Theory]
    [InlineData("tcp:443-443:0.0.0.0/0", "tcp", 443, 443, "0.0.0.0/0", null)]
    [InlineData("udp:1000-2000:10.0.0.0/16", "udp", 1000, 2000, "10.0.0.0/16", null)]
    [InlineData("tcp:5432-5432:sg:sg-0abc", "tcp", 5432, 5432, null, "sg-0abc")]
    [InlineData("tcp:5432-5432:sg:${security-group/web}", "tcp", 5432, 5432, null, "${security-group/web}")]
    [InlineData("icmp:-1--1:0.0.0.0/0", "icmp", -1, -1, "0.0.0.0/0", null)]
    [InlineData("icmp:3--1:0.0.0.0/0", "icmp", 3, -1, "0.0.0.0/0", null)]
    [InlineData("icmp:8-0:0.0.0.0/0", "icmp", 8, 0, "0.0.0.0/0", null)]
    [InlineData("-1:all:0.0.0.0/0", "-1", -1, -1, "0.0.0.0/0", null)]
    [InlineData("-1:all:sg:sg-1", "-1", -1, -1, null, "sg-1")]
    public void Parse_Should_SplitTheRuleAndRoundTrip_When_ARuleIsCanonical(string rule, string protocol, int from, int to, string? cidr, string? group)
    {
        var parsed = SecurityRules.Parse(rule);

        Assert.Equal((protocol, from, to, cidr, group), parsed);
        var target = parsed.Cidr ?? SecurityRules.GroupTarget(parsed.GroupId!);
        Assert.Equal(rule, SecurityRules.Canonical(parsed.Protocol, parsed.From, parsed.To, target));
    }

    [Fact]
    public void FromSpec_Should_ReferToTheSourceGroup_When_ARuleNamesAGroup()
    {
        var rule = SecurityRules.FromSpec(new RuleSpec("tcp", 5432, null, null, "web"));

        Assert.Equal("tcp:5432-5432:sg:${security-group/web}", rule);
        Assert.Equal(["security-group/web"], References.Find(rule));
        Assert.Equal("tcp:5432-5432:sg:sg-123", References.Substitute(rule, id => id == "security-group/web" ? "sg-123" : null));
    }

    [Fact]
    public void FromSpec_Should_KeepTheRange_When_ARuleHasAToPort()
    {
        Assert.Equal("udp:1000-2000:10.0.0.0/8", SecurityRules.FromSpec(new RuleSpec("udp", 1000, 2000, "10.0.0.0/8", null)));
        Assert.Equal(SecurityRules.AllowAllEgress, SecurityRules.FromSpec(new RuleSpec("all", null, null, "0.0.0.0/0", null)));
    }
}
