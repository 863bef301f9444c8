using System.Text.RegularExpressions;
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

    /// <summary>The regular expression the hand-written scanner replaced (issue 14): its answers are the oracle.</summary>
    private static readonly Regex Oracle = new(@"\$\{(?<id>[a-z0-9-]+/[^}#]+)(#(?<attr>[A-Za-z]+))?\}");

    [Fact]
    public void FindAndSubstitute_Should_AnswerAsTheRegularExpression_When_TextsAreRandom()
    {
        // Texts made of the characters that matter to the syntax, so near-misses ("${a/}", "${a/b#1}", "${${a/b}") are common.
        var random = new Random(14);
        const string alphabet = "${}/#-aZ0 .x";
        for (var n = 0; n < 20_000; n++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            Assert.Equal(Oracle.Matches(text).Select(m => m.Groups["id"].Value), References.Find(text));
            var expected = Oracle.Replace(text, m => "<" + m.Groups["id"].Value + (m.Groups["attr"].Success ? "#" + m.Groups["attr"].Value : string.Empty) + ">");
            Assert.Equal(expected, References.Substitute(text, key => "<" + key + ">"));
        }
    }

    [Fact]
    public void Resolve_Should_ReturnTheSameValue_When_ItHoldsNoReference()
    {
        var plain = FieldValue.Of("10.0.0.0/16");
        var set = FieldValue.SetOf(["a", "b"]);

        Assert.Same(plain, plain.Resolve(_ => "x"));
        Assert.Same(set, set.Resolve(_ => "x"));
        Assert.Equal(FieldValue.Of("vpc-1"), FieldValue.Of(References.To("vpc/main")).Resolve(_ => "vpc-1"));
    }
}
