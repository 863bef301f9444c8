using Reconciler.Web;

namespace Reconciler.Tests.Web;

public sealed class ConsoleLinksTests
{
    [Theory]
    [InlineData("subnet", "subnet-0abc", "https://ap-northeast-1.console.aws.amazon.com/vpcconsole/home?region=ap-northeast-1#SubnetDetails:subnetId=subnet-0abc")]
    [InlineData("ecs-service", "arn:aws:ecs:ap-northeast-1:123456789012:service/demo-app/demo-web", "https://ap-northeast-1.console.aws.amazon.com/ecs/v2/clusters/demo-app/services/demo-web?region=ap-northeast-1")]
    [InlineData("task-definition", "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/demo-app:3", "https://ap-northeast-1.console.aws.amazon.com/ecs/v2/task-definitions/demo-app/3?region=ap-northeast-1")]
    [InlineData("log-group", "/ecs/demo", "https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#logsV2:log-groups/log-group/$252Fecs$252Fdemo")]
    [InlineData("certificate", "arn:aws:acm:ap-northeast-1:123456789012:certificate/9e20-63", "https://ap-northeast-1.console.aws.amazon.com/acm/home?region=ap-northeast-1#/certificates/9e20-63")]
    [InlineData("s3-bucket", "demo-media", "https://s3.console.aws.amazon.com/s3/buckets/demo-media?region=ap-northeast-1")]
    public void For_Should_LinkTheResourcesPageInItsRegion_When_ItsIdIsKnown(string kind, string awsId, string expected) =>
        Assert.Equal(expected, ConsoleLinks.For(kind, awsId, "ap-northeast-1"));

    [Fact]
    public void For_Should_GiveNoLink_When_TheResourceIsNotInAws() => Assert.Null(ConsoleLinks.For("vpc", null, "ap-northeast-1"));
}
