using Reconciler.Model.Graph;

namespace Reconciler.Model.Tests.Graph;

public sealed class ReferencesTests
{
    [Fact]
    public void To_Should_WriteTheReferenceSyntax_When_AnIdAndAnAttributeAreGiven()
    {
        Assert.Equal("${subnet/public-a}", References.To("subnet/public-a"));
        Assert.Equal("${load-balancer/app#dnsName}", References.To("load-balancer/app", "dnsName"));
    }

    [Fact]
    public void Find_Should_ReturnEveryReferencedId_When_TheTextHoldsSeveral()
    {
        const string text = "${target-group/app}|web|8000 and ${log-group/ecs/app#name} and ${not a ref} and $plain";

        Assert.Equal(["target-group/app", "log-group/ecs/app"], References.Find(text));
    }

    [Fact]
    public void Substitute_Should_ReplaceResolvedReferencesAndMarkTheOthersUnknown_When_SomeCannotBeResolved()
    {
        const string text = "0.0.0.0/0->${nat-gateway/main}, ${iam-role/x#arn}, ${subnet/gone}";

        var result = References.Substitute(text, key => key switch
        {
            "nat-gateway/main" => "nat-1",
            "iam-role/x#arn" => "arn:aws:iam::1:role/x",
            _ => null,
        });

        Assert.Equal("0.0.0.0/0->nat-1, arn:aws:iam::1:role/x, (known after apply)", result);
        Assert.True(References.IsUnknown(FieldValue.Of(result)));
        Assert.False(References.IsUnknown(FieldValue.Of("nat-1")));
    }

    [Fact]
    public void Substitute_Should_NotCallTheResolver_When_TheTextHoldsNoReference()
    {
        var calls = 0;

        var result = References.Substitute("10.0.0.0/16", _ => { calls++; return "x"; });

        Assert.Equal("10.0.0.0/16", result);
        Assert.Equal(0, calls);
    }
}
