using Reconciler.Controller;

namespace Reconciler.Tests.Controller;

public sealed class SqsQueueLocationTests
{
    [Theory]
    [InlineData("sqs://sqs.eu-west-1.amazonaws.com/123456789012/spec-events", "https://sqs.eu-west-1.amazonaws.com/123456789012/spec-events", "eu-west-1", "arn:aws:sqs:eu-west-1:123456789012:spec-events")]
    [InlineData("sqs://https://sqs.us-east-2.amazonaws.com/123456789012/q_1/", "https://sqs.us-east-2.amazonaws.com/123456789012/q_1", "us-east-2", "arn:aws:sqs:us-east-2:123456789012:q_1")]
    [InlineData("sqs://ap-south-1.queue.amazonaws.com/123456789012/legacy", "https://ap-south-1.queue.amazonaws.com/123456789012/legacy", "ap-south-1", "arn:aws:sqs:ap-south-1:123456789012:legacy")]
    [InlineData("sqs://http://127.0.0.1:5000/123456789012/local", "http://127.0.0.1:5000/123456789012/local", null, "arn:aws:sqs:*:123456789012:local")]
    public void TryParse_Should_GiveTheQueueUrlRegionAndArn_When_TheTextIsAQueueUrl(string text, string url, string? region, string arn)
    {
        var queue = SqsQueueLocation.TryParse(text);

        Assert.NotNull(queue);
        Assert.Equal(url, queue.Url);
        Assert.Equal(region, queue.Region);
        Assert.Equal(arn, queue.Arn);
    }

    [Theory]
    [InlineData("https://sqs.eu-west-1.amazonaws.com/123456789012/q")]
    [InlineData("sqs://sqs.eu-west-1.amazonaws.com/q")]
    [InlineData("sqs://sqs.eu-west-1.amazonaws.com/acct/q")]
    [InlineData("sqs://sqs.eu-west-1.amazonaws.com/123456789012/bad.name")]
    [InlineData("sqs://sqs.eu-west-1.amazonaws.com/123456789012/q/extra")]
    [InlineData("sqs://")]
    public void TryParse_Should_GiveNull_When_TheTextIsNotAnSqsQueueUrl(string text)
    {
        Assert.Null(SqsQueueLocation.TryParse(text));
    }
}
