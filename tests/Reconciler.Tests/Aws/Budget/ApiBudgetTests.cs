using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Aws.Budget;

namespace Reconciler.Tests.Aws.Budget;

public sealed class ApiBudgetTests
{
    [Theory]
    // EC2 request rate limiting is per action: https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html
    [InlineData("ec2", "DescribeVpcs", "ec2:DescribeVpcs", 100, 20)]
    [InlineData("ec2", "DescribeSubnets", "ec2:DescribeSubnets", 100, 20)]
    [InlineData("ec2", "CreateVpc", "ec2:CreateVpc", 50, 5)]
    [InlineData("ec2", "CreateSubnet", "ec2:CreateSubnet", 50, 5)]
    [InlineData("ecs", "RegisterTaskDefinition", "ecs:register-task-definition", 20, 1)]
    [InlineData("rds", "DescribeDBInstances", "rds", 300, 12)]
    [InlineData("rds", "CreateDBInstance", "rds", 300, 12)]
    [InlineData("elbv2", "DescribeLoadBalancers", "elbv2:describe", 40, 10)]
    [InlineData("route53", "ListResourceRecordSets", "route53", 10, 10)]
    [InlineData("acm", "ListCertificates", "acm:list-certificates", 1, 1)]
    // ACM quotas, API rate quotas: DescribeCertificate and ListTagsForCertificate 10 per second (ApiBuckets.AcmDescribe).
    [InlineData("acm", "DescribeCertificate", "acm:describe", 10, 10)]
    [InlineData("acm", "ListTagsForCertificate", "acm:describe", 10, 10)]
    [InlineData("ecs", "DescribeServices", "ecs:read", 50, 10)]
    public void For_Should_PickThePublishedBucket_When_GivenAnOperation(string service, string operation, string bucket, int burst, double perSecond)
    {
        var picked = ApiBuckets.For(service, operation);

        Assert.Equal(new ApiBucket(bucket, burst, perSecond), picked);
    }

    [Fact]
    public async Task AcquireAsync_Should_HoldACallUntilItsTokenIsDue_When_TheBurstIsSpent()
    {
        var time = new FakeTimeProvider();
        var budget = new ApiBudget(time);
        await budget.AcquireAsync("acm", "eu-west-1", "ListCertificates", CancellationToken.None);

        var second = budget.AcquireAsync("acm", "eu-west-1", "ListCertificates", CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(5));

        var waits = budget.Waits();
        Assert.Equal(1, waits["acm:list-certificates"].Calls);
        Assert.Equal(TimeSpan.FromSeconds(1), waits["acm:list-certificates"].Waited);
    }

    [Fact]
    public async Task AcquireAsync_Should_NotHoldAnotherEc2Action_When_OneActionsBurstIsSpent()
    {
        var time = new FakeTimeProvider();
        var budget = new ApiBudget(time);
        for (var i = 0; i < 50; i++)
        {
            await budget.AcquireAsync("ec2", "eu-west-1", "CreateSubnet", CancellationToken.None);
        }

        var fiftyFirst = budget.AcquireAsync("ec2", "eu-west-1", "CreateSubnet", CancellationToken.None);
        var otherAction = budget.AcquireAsync("ec2", "eu-west-1", "CreateRouteTable", CancellationToken.None);

        Assert.False(fiftyFirst.IsCompleted);
        Assert.True(otherAction.IsCompletedSuccessfully);
        time.Advance(TimeSpan.FromMilliseconds(200)); // 5 per second
        await fiftyFirst.AsTask().WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AcquireAsync_Should_KeepOneBucketPerRegion_When_CallsGoToTwoRegions()
    {
        var time = new FakeTimeProvider();
        var budget = new ApiBudget(time);

        await budget.AcquireAsync("acm", "eu-west-1", "ListCertificates", CancellationToken.None);
        var otherRegion = budget.AcquireAsync("acm", "us-east-1", "ListCertificates", CancellationToken.None);

        Assert.True(otherRegion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AcquireAsync_Should_CountGlobalServicesOnce_When_CalledFromTwoRegions()
    {
        var time = new FakeTimeProvider();
        var budget = new ApiBudget(time);
        for (var i = 0; i < 10; i++)
        {
            await budget.AcquireAsync("route53", i % 2 == 0 ? "eu-west-1" : "us-east-1", "ListHostedZonesByName", CancellationToken.None);
        }

        var eleventh = budget.AcquireAsync("route53", "ap-northeast-1", "ListHostedZonesByName", CancellationToken.None);

        Assert.False(eleventh.IsCompleted);
        Assert.Equal(-1, budget.Available("global", "route53"), 6);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await eleventh.AsTask().WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AcquireAsync_Should_LetThroughAtMostBurstPlusRateTimesTime_When_AFleetCallsAtOnce()
    {
        var time = new FakeTimeProvider();
        var budget = new ApiBudget(time);

        var calls = Enumerable.Range(0, 300).Select(_ => budget.AcquireAsync("ec2", "eu-west-1", "DescribeSubnets", CancellationToken.None).AsTask()).ToList();
        Assert.Equal(100, calls.Count(c => c.IsCompleted));
        time.Advance(TimeSpan.FromSeconds(5));
        await Task.Yield();
        await Task.WhenAll(calls.Take(200)).WaitAsync(TimeSpan.FromSeconds(5));

        // 100 at once, then 20 per second: after 5 s exactly 200 have gone, the other 100 still wait.
        Assert.Equal(200, calls.Count(c => c.IsCompleted));
    }

    [Fact]
    public async Task AcquireAsync_Should_ScaleEveryRate_When_GivenAFactor()
    {
        var time = new FakeTimeProvider();
        var budget = new ApiBudget(time, scale: 2);

        // A burst of 2 (not 1): both go at once; the third is due after 1 / (2 per second) = 500 ms, not 1 s.
        Assert.True(budget.AcquireAsync("acm", "eu-west-1", "ListCertificates", CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(budget.AcquireAsync("acm", "eu-west-1", "ListCertificates", CancellationToken.None).IsCompletedSuccessfully);
        var third = budget.AcquireAsync("acm", "eu-west-1", "ListCertificates", CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RunAsync_Should_DrawEveryAttemptFromTheBudget_When_ACallIsRetried()
    {
        var time = new FakeTimeProvider();
        var budget = new ApiBudget(time);
        var runner = new AwsCallRunner(new AwsCallMetrics(), NullLogger<AwsCallRunner>.Instance, time,
            new RetryOptions(BaseDelay: TimeSpan.FromMilliseconds(1), MaxDelay: TimeSpan.FromMilliseconds(1)), budget, "eu-west-1");
        var attempts = 0;

        var call = runner.RunAsync("acm", "ListCertificates", CallPurpose.Read, _ =>
        {
            attempts++;
            return attempts == 1
                ? throw new AmazonServiceException("slow down", null, ErrorType.Sender, "ThrottlingException", "r", System.Net.HttpStatusCode.BadRequest)
                : Task.FromResult("ok");
        }, CancellationToken.None);

        // The first attempt took the only token; the retry waits for the next one, a second later.
        for (var i = 0; i < 20 && attempts < 2; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10);
        }

        Assert.Equal("ok", await call.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, attempts);
        Assert.Equal(1, budget.Waits()["acm:list-certificates"].Calls);
        Assert.Equal(1, budget.ThrottledCalls()["acm:list-certificates"]);
    }
}
