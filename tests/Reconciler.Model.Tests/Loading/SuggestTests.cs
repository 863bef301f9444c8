using Reconciler.Model.Loading;

namespace Reconciler.Model.Tests.Loading;

public sealed class SuggestTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "abc", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("region", "regoin", 1)]
    [InlineData("ab", "ba", 1)]
    [InlineData("prune", "prnue", 1)]
    [InlineData("ca", "abc", 3)]
    [InlineData("web", "db", 2)]
    public void Distance_Should_CountEditsAndAdjacentTranspositions_When_TwoWordsAreCompared(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggest.Distance(a, b));
        Assert.Equal(expected, Suggest.Distance(b, a));
    }

    [Theory]
    [InlineData("regoin", "region")]
    [InlineData("Region", "region")]
    [InlineData("SUBNETS", "subnets")]
    [InlineData("securityGroup", "securityGroups")]
    [InlineData("natgateway", "natGateway")]
    public void Closest_Should_ReturnTheNearestCandidate_When_ItIsWithinReach(string word, string expected)
    {
        string[] candidates = ["region", "subnets", "securityGroups", "natGateway", "prune"];

        Assert.Equal(expected, Suggest.Closest(word, candidates));
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("colour")]
    [InlineData("subnet")]
    public void Closest_Should_ReturnNull_When_NoCandidateIsCloseEnough(string word)
    {
        string[] candidates = ["region", "network", "prune"];

        Assert.Null(Suggest.Closest(word, candidates));
    }

    [Fact]
    public void Closest_Should_AllowMoreEdits_When_TheWordIsLonger()
    {
        // three edits: allowed for a 9-letter word (9 / 3), not for a 6-letter one (at least 2)
        Assert.Equal("containers", Suggest.Closest("cotnainrs", ["containers"]));
        Assert.Null(Suggest.Closest("abcxyz", ["abcdef"]));
        Assert.Equal("abcdef", Suggest.Closest("abcdxy", ["abcdef"]));
    }

    [Fact]
    public void Closest_Should_PreferTheFirstCandidate_When_TwoAreEquallyClose()
    {
        Assert.Equal("public-a", Suggest.Closest("public-x", ["public-a", "public-b"]));
        Assert.Equal("public-b", Suggest.Closest("public-x", ["public-b", "public-a"]));
    }

    [Fact]
    public void Closest_Should_ReturnNull_When_ThereAreNoCandidates()
    {
        Assert.Null(Suggest.Closest("anything", []));
    }

    [Fact]
    public void DidYouMean_Should_FormatTheHintOrNothing_When_ACandidateIsOrIsNotFound()
    {
        Assert.Equal(" (did you mean 'web'?)", Suggest.DidYouMean("wbe", ["db", "web"]));
        Assert.Equal(string.Empty, Suggest.DidYouMean("monitoring", ["db", "web"]));
    }

    [Fact]
    public void Closest_Should_ReturnNullQuickly_When_TheWordIsLongOrNoCandidateIsWithinReachByLength()
    {
        // Two names of 400,000 characters used to need a 400,001 x 400,001 table: OutOfMemoryException.
        var huge = new string('a', 400_000);
        Assert.Null(Suggest.Closest(huge, [huge + "b"]));
        Assert.Null(Suggest.Closest("web", [huge]));

        // Up to 64 characters a word gets its suggestion as before; beyond, none.
        Assert.Equal(new string('a', 64), Suggest.Closest(new string('a', 63) + "b", [new string('a', 64)]));
        Assert.Null(Suggest.Closest(new string('a', 64) + "b", [new string('a', 65)]));
    }
}
