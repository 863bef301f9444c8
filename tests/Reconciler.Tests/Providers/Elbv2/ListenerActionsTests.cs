using Reconciler.Aws.Elbv2;
using Reconciler.Providers.Elbv2;

namespace Reconciler.Tests.Providers.Elbv2;

public sealed class ListenerActionsTests
{
    [Theory]
    [InlineData("forward:arn:aws:elasticloadbalancing:ap-northeast-1:1:targetgroup/demo-app/abc")]
    [InlineData("redirect:HTTPS:443:HTTP_301")]
    public void Parse_Should_RoundTrip_When_TheGraphWritesAnAction(string text) =>
        Assert.Equal(text, ListenerActions.Format(ListenerActions.Parse(text)));

    [Fact]
    public void Parse_Should_Throw_When_TheActionIsUnknown() =>
        Assert.Throws<InvalidOperationException>(() => ListenerActions.Parse("fixed-response:200"));

    [Fact]
    public void Format_Should_ReadTheRedirect_When_AwsAnswersIt() =>
        Assert.Equal("redirect:HTTPS:443:HTTP_301", ListenerActions.Format([new Elbv2Action("redirect", null, "HTTPS", "443", "HTTP_301")]));
}
