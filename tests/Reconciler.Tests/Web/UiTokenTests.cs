using Reconciler.Web;

namespace Reconciler.Tests.Web;

public sealed class UiTokenTests
{
    [Theory]
    [InlineData("s3cret-token", true)]
    [InlineData(" s3cret-token ", true)]
    [InlineData("s3cret-toke", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Matches_Should_AcceptOnlyTheTokenGivenAtStart_When_ATokenIsPresented(string? presented, bool expected)
    {
        var token = UiToken.Of("s3cret-token")!;

        Assert.Equal(expected, token.Matches(presented));
        Assert.DoesNotContain("s3cret", token.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Of_Should_GiveNoToken_When_NoneOrABlankOneIsGiven(string? given) => Assert.Null(UiToken.Of(given));
}
