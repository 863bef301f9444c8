using System.Net;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws;

public sealed class AwsCallRunnerTests
{
    private static AwsCallRunner Runner(AwsCallMetrics metrics) =>
        new(metrics, NullLogger<AwsCallRunner>.Instance, TimeProvider.System,
            new RetryOptions(BaseDelay: TimeSpan.FromMilliseconds(1), MaxDelay: TimeSpan.FromMilliseconds(2), NotFoundWindow: TimeSpan.FromMilliseconds(10), DependencyWindow: TimeSpan.FromMilliseconds(10)));

    private static AmazonServiceException Error(string code, HttpStatusCode status) =>
        new($"{code} happened", null, ErrorType.Sender, code, "req-1", status);

    /// <summary>A call that fails with <paramref name="code"/> the first <paramref name="failures"/> times.</summary>
    private static Func<CancellationToken, Task<string>> Failing(string code, HttpStatusCode status, int failures, Counter counter) => _ =>
    {
        counter.Calls++;
        return counter.Calls <= failures ? throw Error(code, status) : Task.FromResult("ok");
    };

    private sealed class Counter
    {
        public int Calls { get; set; }
    }

    [Theory]
    [InlineData("RequestLimitExceeded", HttpStatusCode.ServiceUnavailable)]
    [InlineData("Throttling", HttpStatusCode.BadRequest)]
    [InlineData("ThrottlingException", HttpStatusCode.BadRequest)]
    [InlineData("TooManyRequestsException", HttpStatusCode.TooManyRequests)]
    [InlineData("PriorRequestNotComplete", HttpStatusCode.BadRequest)]
    [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable)]
    [InlineData("InternalError", HttpStatusCode.InternalServerError)]
    public async Task RunAsync_Should_RetryUntilSuccess_When_TheErrorIsThrottlingOrTransient(string code, HttpStatusCode status)
    {
        var metrics = new AwsCallMetrics();
        var counter = new Counter();

        var result = await Runner(metrics).RunAsync("ec2", "DescribeVpcs", CallPurpose.Read, Failing(code, status, 3, counter), CancellationToken.None);

        Assert.Equal("ok", result);
        Assert.Equal(4, counter.Calls);
        Assert.Equal(3, metrics.Snapshot()[("ec2", "DescribeVpcs", code)]);
        Assert.Equal(1, metrics.Snapshot()[("ec2", "DescribeVpcs", "ok")]);
    }

    [Theory]
    [InlineData("UnauthorizedOperation", HttpStatusCode.Forbidden)]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden)]
    [InlineData("InvalidParameterValue", HttpStatusCode.BadRequest)]
    [InlineData("VpcLimitExceeded", HttpStatusCode.BadRequest)]
    public async Task RunAsync_Should_FailAtOnce_When_TheErrorIsTerminal(string code, HttpStatusCode status)
    {
        var metrics = new AwsCallMetrics();
        var counter = new Counter();

        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            Runner(metrics).RunAsync("ec2", "CreateVpc", CallPurpose.Mutate, Failing(code, status, 100, counter), CancellationToken.None));

        Assert.Equal(1, counter.Calls);
        Assert.Equal(code, error.Error.Code);
        Assert.Equal(AwsErrorKind.Terminal, error.Error.Kind);
        Assert.Contains("ec2:CreateVpc", error.Message, StringComparison.Ordinal);
        Assert.Contains("req-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Should_RetryNotFound_When_TheCallMutatesButNotWhenItReads()
    {
        var mutate = new Counter();
        var read = new Counter();
        var runner = Runner(new AwsCallMetrics());

        await runner.RunAsync("ec2", "CreateSubnet", CallPurpose.Mutate, Failing("InvalidVpcID.NotFound", HttpStatusCode.BadRequest, 2, mutate), CancellationToken.None);
        await Assert.ThrowsAsync<AwsCallException>(() =>
            runner.RunAsync("ec2", "DescribeVpcs", CallPurpose.Read, Failing("InvalidVpcID.NotFound", HttpStatusCode.BadRequest, 2, read), CancellationToken.None));

        Assert.Equal(3, mutate.Calls);
        Assert.Equal(1, read.Calls);
    }

    [Fact]
    public async Task RunAsync_Should_RetryDependencyViolation_When_TheCallDeletes()
    {
        var delete = new Counter();
        var mutate = new Counter();
        var runner = Runner(new AwsCallMetrics());

        await runner.RunAsync("ec2", "DeleteSubnet", CallPurpose.Delete, Failing("DependencyViolation", HttpStatusCode.BadRequest, 2, delete), CancellationToken.None);
        await Assert.ThrowsAsync<AwsCallException>(() =>
            runner.RunAsync("ec2", "CreateRoute", CallPurpose.Mutate, Failing("DependencyViolation", HttpStatusCode.BadRequest, 2, mutate), CancellationToken.None));

        Assert.Equal(3, delete.Calls);
        Assert.Equal(1, mutate.Calls);
    }

    [Fact]
    public async Task RunAsync_Should_GiveUp_When_ThrottlingOutlastsTheRetryBudget()
    {
        var counter = new Counter();
        var metrics = new AwsCallMetrics();

        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            Runner(metrics).RunAsync("ec2", "DescribeSubnets", CallPurpose.Read, Failing("RequestLimitExceeded", HttpStatusCode.ServiceUnavailable, 1000, counter), CancellationToken.None));

        Assert.Equal(new RetryOptions().MaxThrottleRetries + 1, counter.Calls);
        Assert.Equal(AwsErrorKind.Throttling, error.Error.Kind);
        Assert.Equal(counter.Calls, metrics.Total);
    }


    [Fact]
    public async Task RunAsync_Should_RetryThrottlingButNotTransientFaults_When_ACreateHasNoIdempotencyToken()
    {
        var throttled = new Counter();
        var lost = new Counter();
        var runner = Runner(new AwsCallMetrics());

        await runner.RunAsync("ec2", "CreateVpc", CallPurpose.Create, Failing("RequestLimitExceeded", HttpStatusCode.ServiceUnavailable, 2, throttled), CancellationToken.None);
        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            runner.RunAsync("ec2", "CreateVpc", CallPurpose.Create, Failing("InternalError", HttpStatusCode.InternalServerError, 2, lost), CancellationToken.None));

        Assert.Equal(3, throttled.Calls);
        Assert.Equal(1, lost.Calls); // it may have been applied: the engine looks again instead of sending it twice
        Assert.Equal(AwsErrorKind.Transient, error.Error.Kind);
    }
}
