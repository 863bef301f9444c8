using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Engine;
using Reconciler.Model.Graph;

namespace Reconciler.Tests.Integration;

/// <summary>The engine as the CLI wires it, with a short retry schedule, plus a plain EC2 client for checking AWS directly.</summary>
internal sealed class EngineHarness : IDisposable
{
    public const string Region = "ap-northeast-1";

    private readonly ILoggerFactory _loggers;

    /// <param name="retries">The retry schedule; by default 5 ms doubling to 50 ms.</param>
    /// <param name="wrapHandler">Wraps the engine's HTTP handlers (chaos tests); the plain EC2 client below is never wrapped.</param>
    public EngineHarness(RetryOptions? retries = null, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null)
    {
        Logs = new CapturingLoggerProvider();
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Aws = new AwsComposition(_loggers, TimeProvider.System, retries ?? new RetryOptions(BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(50)), wrapHandler);
        Ec2 = new AmazonEC2Client(new AmazonEC2Config { ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), AuthenticationRegion = Region });
    }

    public CapturingLoggerProvider Logs { get; }

    public ILoggerFactory Loggers => _loggers;

    public AwsComposition Aws { get; }

    public ReconcileEngine Engine => Aws.Engine;

    public AmazonEC2Client Ec2 { get; }

    public string LogText => string.Join(Environment.NewLine, Logs.Lines);

    /// <summary>Every EC2 resource tagged with this environment, by resource type (from DescribeTags).</summary>
    public async Task<List<TagDescription>> OwnershipTags(string environment)
    {
        var result = new List<TagDescription>();
        string? token = null;
        do
        {
            var page = await Ec2.DescribeTagsAsync(new DescribeTagsRequest
            {
                Filters = [new Filter("key", [Ownership.EnvironmentTag]), new Filter("value", [environment])],
                NextToken = token,
            });
            result.AddRange(page.Tags);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));

        return result;
    }

    public void Dispose()
    {
        Aws.Dispose();
        Ec2.Dispose();
        _loggers.Dispose();
    }
}
