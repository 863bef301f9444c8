using System.Collections.Concurrent;
using Amazon.EC2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Http;
using Reconciler.Tests.Chaos;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Aws;

/// <summary>In the moto collection: making a client resolves credentials, which the moto fixture provides.</summary>
[Collection(MotoCollection.Name)]
public sealed class AwsClientFactoryTests
{
    [Fact]
    public void Ec2_Should_DisableTheSdkRetriesAndUseTheEndpointOverride_When_ItMakesAClient()
    {
        using var factory = new AwsClientFactory();

        var client = factory.Ec2("ap-northeast-1");

        Assert.Equal(0, client.Config.MaxErrorRetry);
        Assert.Equal(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), client.Config.ServiceURL?.TrimEnd('/'));
    }

    [Fact]
    public void Ssm_Should_DisableTheSdkRetriesAndUseTheEndpointOverride_When_ItMakesAClient()
    {
        using var factory = new AwsClientFactory();

        var client = factory.Ssm("ap-northeast-1");

        Assert.Equal(0, client.Config.MaxErrorRetry);
        Assert.Equal(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), client.Config.ServiceURL?.TrimEnd('/'));
        Assert.Same(client, factory.Ssm("ap-northeast-1"));
    }

    /// <summary>
    /// The SDK's retries are off, so attempts never multiply: under a throttling fault on every request, each attempt of
    /// the runner is exactly one HTTP request, for the SDK's clients (EC2, S3) as for a thin client (ECS). The requests are
    /// answered at the handler, never sent.
    /// </summary>
    [Fact]
    public async Task Clients_Should_SendOneRequestPerRunnerAttempt_When_EveryRequestIsThrottled()
    {
        var requests = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        Func<HttpMessageHandler, HttpMessageHandler> wrap = inner => new ThrottlingHandler(inner, requests);
        var metrics = new AwsCallMetrics();
        var runner = new AwsCallRunner(metrics, NullLogger<AwsCallRunner>.Instance, TimeProvider.System,
            new RetryOptions(MaxThrottleRetries: 3, BaseDelay: TimeSpan.FromMilliseconds(1), MaxDelay: TimeSpan.FromMilliseconds(2)));
        using var factory = new AwsClientFactory(wrap);
        using var http = new HttpClient(wrap(new SocketsHttpHandler()));
        var ecs = new EcsApi(new JsonProtocolClient(AwsServices.Ecs, "ap-northeast-1", new SignedTransport(http), runner));

        var ec2 = await Assert.ThrowsAsync<AwsCallException>(() => runner.RunAsync("ec2", "DescribeVpcs", CallPurpose.Read, c => factory.Ec2("ap-northeast-1").DescribeVpcsAsync(new DescribeVpcsRequest(), c), CancellationToken.None));
        var s3 = await Assert.ThrowsAsync<AwsCallException>(() => runner.RunAsync("s3", "ListBuckets", CallPurpose.Read, c => factory.S3("ap-northeast-1").ListBucketsAsync(c), CancellationToken.None));
        var thin = await Assert.ThrowsAsync<AwsCallException>(() => ecs.DescribeClustersAsync(["c"], CancellationToken.None));

        Assert.Equal(["RequestLimitExceeded", "SlowDown", "ThrottlingException"], new[] { ec2, s3, thin }.Select(e => e.Error.Code));
        var attempts = metrics.Snapshot().GroupBy(kv => kv.Key.Service).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        Assert.Equal(new Dictionary<string, long> { ["ec2"] = 4, ["ecs"] = 4, ["s3"] = 4 }.OrderBy(e => e.Key), attempts.OrderBy(e => e.Key)); // 1 + 3 retries each
        Assert.Equal(new Dictionary<string, int> { ["ec2"] = 4, ["ecs"] = 4, ["s3"] = 4 }.OrderBy(e => e.Key), requests.OrderBy(e => e.Key)); // one request per attempt
        Assert.Equal(TimeSpan.FromSeconds(60), factory.Ec2("ap-northeast-1").Config.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(60), factory.S3("ap-northeast-1").Config.Timeout);
    }

    /// <summary>Answers every request with the service's throttling error and counts the requests per signing service.</summary>
    private sealed class ThrottlingHandler(HttpMessageHandler inner, ConcurrentDictionary<string, int> requests) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requests.AddOrUpdate(AwsFaultResponses.SigningService(request), 1, (_, n) => n + 1);
            return Task.FromResult(AwsFaultResponses.Throttle(request));
        }
    }
}
