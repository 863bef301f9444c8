using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws;
using Reconciler.Leases;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Leases;

/// <summary>A lease table of its own on moto_server (created on first use), and stores on it for any replica and clock.</summary>
internal sealed class LeaseTable : IDisposable
{
    private readonly Amazon.DynamoDBv2.AmazonDynamoDBClient _dynamo;
    private readonly AwsCallRunner _runner;

    public LeaseTable(TimeSpan duration, EngineHarness? harness = null, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null)
    {
        Name = TestSpecs.UniqueName("leases");
        Duration = duration;
        _dynamo = new Amazon.DynamoDBv2.AmazonDynamoDBClient(new Amazon.DynamoDBv2.AmazonDynamoDBConfig
        {
            ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"),
            AuthenticationRegion = EngineHarness.Region,
            MaxErrorRetry = 0,
            HttpClientFactory = wrapHandler is null ? null : new WrappingHttpClientFactory(wrapHandler),
        });
        _runner = harness?.Aws.Runner ?? new AwsCallRunner(new AwsCallMetrics(), NullLogger<AwsCallRunner>.Instance, TimeProvider.System, new RetryOptions(BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(50)));
    }

    public string Name { get; }

    public TimeSpan Duration { get; }

    public LeaseOptions Options(string replica, bool create = true) => new(Name, Duration, replica, create);

    public LeaseStore Store(string replica, TimeProvider time, bool create = true) => new(_dynamo, _runner, Options(replica, create), time);

    /// <summary>An environment's lease as the Scan-based version wrote it: holder, generation and its own expiry, no incarnation.</summary>
    public Task PutOlderVersionLeaseAsync(string environment, string holder, long generation, DateTimeOffset expiresAt) =>
        _dynamo.PutItemAsync(new Amazon.DynamoDBv2.Model.PutItemRequest
        {
            TableName = Name,
            Item = new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>
            {
                ["pk"] = new() { S = "env#" + environment },
                ["holder"] = new() { S = holder },
                ["generation"] = new() { N = generation.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["expiresAt"] = new() { N = expiresAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
        });

    public void Dispose() => _dynamo.Dispose();
}
