using System.Collections.Concurrent;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;
using Amazon.SQS;

namespace Reconciler.Aws;

/// <summary>
/// Makes and caches one SDK client per service and region. Configuration is the standard one: the default credential
/// chain (environment, profile, SSO, ECS task role, IMDS), the spec's region, and <c>AWS_ENDPOINT_URL</c> or
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> for an emulator. The SDK's retries are off: <see cref="AwsCallRunner"/> retries.
/// </summary>
/// <param name="wrapHandler">
/// Optional: wraps the HTTP handler of every client made here (tests inject faults with it). Null, the default, leaves the
/// SDK's own HTTP client untouched.
/// </param>
internal sealed class AwsClientFactory(Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, AmazonEC2Client> _ec2 = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AmazonSimpleSystemsManagementClient> _ssm = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AmazonS3Client> _s3 = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AmazonDynamoDBClient> _dynamo = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AmazonSecurityTokenServiceClient> _sts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AmazonSQSClient> _sqs = new(StringComparer.Ordinal);

    static AwsClientFactory()
    {
        // Decided once: empty lists from the SDK are empty, not null.
        AWSConfigs.InitializeCollections = true;
    }

    /// <param name="credentials">Another account's (an assumed role's); null: the default chain.</param>
    /// <param name="key">What the client is cached under: the region with the credentials' identity (null: the region).</param>
    public AmazonEC2Client Ec2(string region, AWSCredentials? credentials = null, string? key = null) => _ec2.GetOrAdd(key ?? region, _ =>
    {
        var config = new AmazonEC2Config { MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(60) };
        Configure(config, region, "EC2");
        return credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(credentials, config);
    });

    /// <summary>SSM, for the public parameters that name the recommended AMIs.</summary>
    public AmazonSimpleSystemsManagementClient Ssm(string region, AWSCredentials? credentials = null, string? key = null) => _ssm.GetOrAdd(key ?? region, _ =>
    {
        var config = new AmazonSimpleSystemsManagementConfig { MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(60) };
        Configure(config, region, "SSM");
        return credentials is null ? new AmazonSimpleSystemsManagementClient(config) : new AmazonSimpleSystemsManagementClient(credentials, config);
    });

    /// <summary>S3, for spec sources and set-image. Path-style addressing against an emulator (no bucket subdomains there).</summary>
    public AmazonS3Client S3(string region, AWSCredentials? credentials = null, string? key = null) => _s3.GetOrAdd(key ?? region, _ =>
    {
        var config = new AmazonS3Config { MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(60) };
        Configure(config, region, "S3");
        config.ForcePathStyle = EndpointOverride("S3") is not null;
        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    });

    /// <summary>STS, regional endpoint: AssumeRole with the default chain, GetCallerIdentity with an environment's credentials (the account guard).</summary>
    public AmazonSecurityTokenServiceClient Sts(string region, AWSCredentials? credentials = null, string? key = null) => _sts.GetOrAdd(key ?? region, _ =>
    {
        var config = new AmazonSecurityTokenServiceConfig { MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(30) };
        Configure(config, region, "STS");
        return credentials is null ? new AmazonSecurityTokenServiceClient(config) : new AmazonSecurityTokenServiceClient(credentials, config);
    });

    /// <summary>DynamoDB, for the lease table shared by several replicas of the controller.</summary>
    public AmazonDynamoDBClient DynamoDb(string region) => _dynamo.GetOrAdd(region, r =>
    {
        var config = new AmazonDynamoDBConfig { MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(10) };
        Configure(config, r, "DYNAMODB");
        return new AmazonDynamoDBClient(config);
    });

    /// <summary>
    /// SQS, for the S3 event notifications of <c>run --events</c>. The HTTP timeout is well above ReceiveMessage's 20 s long
    /// poll, as the SQS Developer Guide asks (best-practices-setting-up-long-polling.html).
    /// </summary>
    public AmazonSQSClient Sqs(string region) => _sqs.GetOrAdd(region, r =>
    {
        var config = new AmazonSQSConfig { MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(40) };
        Configure(config, r, "SQS");
        return new AmazonSQSClient(config);
    });

    /// <summary>The region when no spec names one (S3 sources, set-image): AWS_REGION, the profile's, else us-east-1.</summary>
    public static string DefaultRegion()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint()?.SystemName ?? "us-east-1";
        }
        catch (AmazonClientException)
        {
            return "us-east-1";
        }
    }

    /// <summary>The endpoint override for a service, if any: <c>AWS_ENDPOINT_URL_EC2</c>, else <c>AWS_ENDPOINT_URL</c>.</summary>
    public static string? EndpointOverride(string serviceEnvironmentName)
    {
        var specific = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_" + serviceEnvironmentName);
        if (!string.IsNullOrWhiteSpace(specific))
        {
            return specific;
        }

        var general = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        return string.IsNullOrWhiteSpace(general) ? null : general;
    }

    private void Configure(ClientConfig config, string region, string serviceEnvironmentName)
    {
        if (wrapHandler is not null)
        {
            config.HttpClientFactory = new WrappingHttpClientFactory(wrapHandler);
        }

        if (EndpointOverride(serviceEnvironmentName) is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
    }

    public void Dispose()
    {
        foreach (var client in _ec2.Values)
        {
            client.Dispose();
        }

        foreach (var client in _ssm.Values)
        {
            client.Dispose();
        }

        foreach (var client in _s3.Values)
        {
            client.Dispose();
        }

        foreach (var client in _dynamo.Values)
        {
            client.Dispose();
        }

        foreach (var client in _sts.Values)
        {
            client.Dispose();
        }

        foreach (var client in _sqs.Values)
        {
            client.Dispose();
        }
    }
}
