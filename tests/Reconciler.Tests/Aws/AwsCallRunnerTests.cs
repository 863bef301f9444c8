using System.Net;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;
using Reconciler.Aws;
using Reconciler.Tests.Integration;

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

    [Fact]
    public async Task RunAsync_Should_TraceEachAttemptWithItsErrorCodeAndRequestId_When_ACallIsRetried()
    {
        // A name of its own: spans of the calls other tests make meanwhile are left out.
        var operation = "DescribeVpcs" + Guid.NewGuid().ToString("N")[..8];
        var spans = new List<System.Diagnostics.Activity>();
        var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource(Reconciler.Telemetry.ReconcilerTelemetry.Name).AddInMemoryExporter(spans).Build()!;

        await Runner(new AwsCallMetrics()).RunAsync("ec2", operation, CallPurpose.Read, Failing("Throttling", HttpStatusCode.BadRequest, 2, new Counter()), CancellationToken.None);
        tracing.Dispose();

        var attempts = spans.Where(s => s.DisplayName == "ec2." + operation).OrderBy(s => (int)s.GetTagItem("aws.attempt")!).ToList();
        Assert.Equal([1, 2, 3], attempts.Select(s => (int)s.GetTagItem("aws.attempt")!));
        Assert.All(attempts.Take(2), s =>
        {
            Assert.Equal("Throttling", s.GetTagItem("error.type"));
            Assert.Equal("req-1", s.GetTagItem("aws.request_id"));
            Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, s.Status);
        });
        Assert.Null(attempts[2].GetTagItem("error.type"));
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Unset, attempts[2].Status);
        Assert.All(attempts, s => Assert.Equal(operation, s.GetTagItem("rpc.method")));
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

    /// <summary>A call that throws what <paramref name="fault"/> makes the first <paramref name="failures"/> times.</summary>
    private static Func<CancellationToken, Task<string>> Throwing(Func<Exception> fault, int failures, Counter counter) => _ =>
    {
        counter.Calls++;
        return counter.Calls <= failures ? throw fault() : Task.FromResult("ok");
    };

    private static readonly string[] ThrottlingCodes =
        ["RequestLimitExceeded", "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException", "PriorRequestNotComplete", "SlowDown"];

    public static TheoryData<string, string> ThrottlingByPurpose()
    {
        var data = new TheoryData<string, string>();
        foreach (var code in ThrottlingCodes)
        {
            foreach (var purpose in Enum.GetValues<CallPurpose>())
            {
                data.Add(code, purpose.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ThrottlingByPurpose))]
    public async Task RunAsync_Should_RetryEachThrottlingCodeByName_When_AnyPurposeMeetsIt(string code, string purposeName)
    {
        var purpose = Enum.Parse<CallPurpose>(purposeName);
        var counter = new Counter();

        var result = await Runner(new AwsCallMetrics()).RunAsync("svc", "Op", purpose, Failing(code, HttpStatusCode.BadRequest, 3, counter), CancellationToken.None);

        Assert.Equal("ok", result);
        Assert.Equal(4, counter.Calls);
    }

    /// <summary>Transient faults: 5xx by code and by status alone, timeouts (as HttpClient and the SDK raise them), connection resets.</summary>
    public static TheoryData<string, string> TransientByPurpose()
    {
        var data = new TheoryData<string, string>();
        foreach (var fault in TransientFaults.Keys)
        {
            foreach (var purpose in Enum.GetValues<CallPurpose>())
            {
                data.Add(fault, purpose.ToString());
            }
        }

        return data;
    }

    private static readonly Dictionary<string, Func<Exception>> TransientFaults = new(StringComparer.Ordinal)
    {
        ["500 InternalError"] = () => Error("InternalError", HttpStatusCode.InternalServerError),
        ["503 ServiceUnavailable"] = () => Error("ServiceUnavailable", HttpStatusCode.ServiceUnavailable),
        ["502 without a code"] = () => new Reconciler.Aws.Http.AwsApiException("svc", "Op", "Unknown", HttpStatusCode.BadGateway, null, "bad gateway"),
        ["504 RequestTimeout"] = () => Error("RequestTimeout", HttpStatusCode.GatewayTimeout),
        ["HttpClient timeout"] = () => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException()),
        ["TimeoutException"] = () => new TimeoutException(),
        ["connection reset"] = () => new HttpRequestException("Connection reset by peer", new IOException("reset")),
        ["IOException"] = () => new IOException("Unable to read data from the transport connection"),
        ["SDK client error around a reset"] = () => new AmazonClientException("error", new HttpRequestException("reset")),
    };

    [Theory]
    [MemberData(nameof(TransientByPurpose))]
    public async Task RunAsync_Should_RetryTransientFaultsExceptForCreates_When_APurposeMeetsThem(string fault, string purposeName)
    {
        var purpose = Enum.Parse<CallPurpose>(purposeName);
        var counter = new Counter();
        var call = Throwing(TransientFaults[fault], 2, counter);
        var runner = Runner(new AwsCallMetrics());

        if (purpose == CallPurpose.Create)
        {
            // It may have been applied: a create without an idempotency token is never sent twice.
            var error = await Assert.ThrowsAsync<AwsCallException>(() => runner.RunAsync("svc", "Op", purpose, call, CancellationToken.None));
            Assert.Equal(AwsErrorKind.Transient, error.Error.Kind);
            Assert.Equal(1, counter.Calls);
        }
        else
        {
            Assert.Equal("ok", await runner.RunAsync("svc", "Op", purpose, call, CancellationToken.None));
            Assert.Equal(3, counter.Calls);
        }
    }

    [Fact]
    public async Task RunAsync_Should_RetryARealHttpClientTimeout_When_TheServerDoesNotAnswerInTime()
    {
        var counter = new Counter();
        using var http = new HttpClient(new SilentHandler()) { Timeout = TimeSpan.FromMilliseconds(50) };

        var error = await Assert.ThrowsAsync<AwsCallException>(() => Runner(new AwsCallMetrics()).RunAsync("svc", "Op", CallPurpose.Read, async c =>
        {
            counter.Calls++;
            using var response = await http.GetAsync(new Uri("http://127.0.0.1:9/"), c);
            return "answered";
        }, CancellationToken.None));

        Assert.Equal("Timeout", error.Error.Code);
        Assert.Equal(new RetryOptions().MaxTransientRetries + 1, counter.Calls); // the transient budget: 4 retries
    }

    [Fact]
    public async Task RunAsync_Should_NotRetry_When_TheCallerCancels()
    {
        var counter = new Counter();
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner(new AwsCallMetrics()).RunAsync("svc", "Op", CallPurpose.Read, c =>
        {
            counter.Calls++;
            cancel.Cancel();
            c.ThrowIfCancellationRequested();
            return Task.FromResult("ok");
        }, cancel.Token));

        Assert.Equal(1, counter.Calls);
    }

    [Theory]
    [InlineData("Mutate", 7)]
    [InlineData("Create", 7)]
    [InlineData("Read", 1)]
    [InlineData("Delete", 1)]
    public async Task RunAsync_Should_RetryNotFoundForABoundedTime_When_TheCallMutates(string purposeName, int calls)
    {
        var purpose = Enum.Parse<CallPurpose>(purposeName);
        var counter = new Counter();

        // A NotFound that never clears: retried while the window (10 ms of 1, 2, 2, ... ms delays: 6 retries) lasts.
        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            Runner(new AwsCallMetrics()).RunAsync("ec2", "CreateRoute", purpose, Failing("InvalidRouteTableID.NotFound", HttpStatusCode.BadRequest, 1000, counter), CancellationToken.None));

        Assert.Equal(AwsErrorKind.NotFound, error.Error.Kind);
        Assert.Equal(calls, counter.Calls);
    }

    [Fact]
    public async Task RunAsync_Should_RetryDependencyViolationForABoundedTime_When_ADeleteMeetsItForever()
    {
        var counter = new Counter();

        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            Runner(new AwsCallMetrics()).RunAsync("ec2", "DeleteSubnet", CallPurpose.Delete, Failing("DependencyViolation", HttpStatusCode.BadRequest, 1000, counter), CancellationToken.None));

        Assert.Equal(AwsErrorKind.DependencyViolation, error.Error.Kind);
        Assert.Equal(7, counter.Calls); // the 10 ms window of 1, 2, 2, ... ms delays: 6 retries
    }

    [Fact]
    public async Task RunAsync_Should_GiveUp_When_TransientFaultsOutlastTheRetryBudget()
    {
        var counter = new Counter();
        var metrics = new AwsCallMetrics();

        await Assert.ThrowsAsync<AwsCallException>(() =>
            Runner(metrics).RunAsync("ec2", "DescribeSubnets", CallPurpose.Read, Failing("InternalError", HttpStatusCode.InternalServerError, 1000, counter), CancellationToken.None));

        Assert.Equal(new RetryOptions().MaxTransientRetries + 1, counter.Calls);
        Assert.Equal(counter.Calls, metrics.Total);
    }

    [Fact]
    public async Task RunAsync_Should_BackOffExponentiallyWithJitterUpToTheCap_When_ThrottledWithTheDefaultSchedule()
    {
        var clock = new FakeTimeProvider();
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var runner = new AwsCallRunner(new AwsCallMetrics(), loggers.CreateLogger<AwsCallRunner>(), clock); // the production schedule
        var counter = new Counter();
        var defaults = new RetryOptions();

        var call = runner.RunAsync("ec2", "DescribeVpcs", CallPurpose.Read, Failing("RequestLimitExceeded", HttpStatusCode.BadRequest, 1000, counter), CancellationToken.None);
        var waited = TimeSpan.Zero;
        while (!call.IsCompleted && waited < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromMilliseconds(100));
            waited += TimeSpan.FromMilliseconds(100);
        }

        await Assert.ThrowsAsync<AwsCallException>(() => call);
        var delays = logs.Lines.Where(l => l.Contains("answered RequestLimitExceeded", StringComparison.Ordinal))
            .Select(l => TimeSpan.Parse(l[(l.LastIndexOf(" in ", StringComparison.Ordinal) + 4)..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(defaults.MaxThrottleRetries, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, defaults.Max));
        Assert.True(delays.Skip(4).Average(d => d.TotalMilliseconds) > delays.Take(2).Average(d => d.TotalMilliseconds), string.Join(", ", delays)); // it grows
        Assert.True(delays.Distinct().Count() > 1, "jitter");
    }

    // IAM eventual consistency: RunInstances right after the instance profile is created answers InvalidParameterValue
    // "Invalid IAM Instance Profile name" for a few seconds (aws/aws-sdk-js-v3#5253, hashicorp/terraform-provider-aws#2012).
    private static AmazonServiceException ProfileNotVisible() =>
        new("Value (ecsInstanceRole) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name", null, ErrorType.Sender, "InvalidParameterValue", "req-1", HttpStatusCode.BadRequest);

    [Fact]
    public async Task RunAsync_Should_RetryAndLogTheWait_When_RunInstancesDoesNotSeeTheNewInstanceProfileYet()
    {
        var counter = new Counter();
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        var runner = new AwsCallRunner(new AwsCallMetrics(), factory.CreateLogger<AwsCallRunner>(), TimeProvider.System,
            new RetryOptions(BaseDelay: TimeSpan.FromMilliseconds(1), MaxDelay: TimeSpan.FromMilliseconds(2), NotFoundWindow: TimeSpan.FromMilliseconds(10)));

        // A create without idempotency (CallPurpose.Create): AWS refused it, so sending it again makes no second instance.
        var result = await runner.RunAsync("ec2", "RunInstances", CallPurpose.Create, Throwing(ProfileNotVisible, 2, counter), CancellationToken.None);

        Assert.Equal("ok", result);
        Assert.Equal(3, counter.Calls);
        Assert.Contains(logs.Lines, l => l.Contains("waits: IAM instance profile ecsInstanceRole is not visible to EC2 yet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_Should_ReportAnEventualConsistencyWait_When_TheInstanceProfileStaysInvisibleBeyondTheWindow()
    {
        var counter = new Counter();

        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            Runner(new AwsCallMetrics()).RunAsync("ec2", "RunInstances", CallPurpose.Create, Throwing(ProfileNotVisible, 1000, counter), CancellationToken.None));

        Assert.True(counter.Calls > 1, "retried within the window");
        Assert.True(counter.Calls < 1000, "bounded");
        Assert.Equal(AwsErrorKind.EventualConsistency, error.Error.Kind);
        Assert.Equal("IAM instance profile ecsInstanceRole is not visible to EC2 yet", error.Error.Waiting);
        Assert.Null(Remedies.For("ec2", "RunInstances", error.Error)); // not terminal: no remedy to give a human
    }

    [Fact]
    public async Task RunAsync_Should_FailAtOnce_When_InvalidParameterValueIsAboutSomethingElse()
    {
        var counter = new Counter();
        AmazonServiceException Other() => new("Value (t9.huge) for parameter instanceType is invalid.", null, ErrorType.Sender, "InvalidParameterValue", "req-1", HttpStatusCode.BadRequest);

        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            Runner(new AwsCallMetrics()).RunAsync("ec2", "RunInstances", CallPurpose.Create, Throwing(Other, 1000, counter), CancellationToken.None));

        Assert.Equal(1, counter.Calls);
        Assert.Equal(AwsErrorKind.Terminal, error.Error.Kind);
    }

    [Theory]
    // ECS RegisterTaskDefinition right after its role is created (fabfuel/ecs-deploy#231).
    [InlineData("ecs", "RegisterTaskDefinition", "ClientException", "Role is not valid", "the task definition's IAM role is not visible to ECS yet")]
    // ECS's service-linked role in a fresh account (aws-samples/run-selenium-tests-at-scale-using-ecs-fargate#2).
    [InlineData("ecs", "CreateService", "InvalidParameterException", "Unable to assume the service linked role. Please verify that the ECS service linked role exists.", "the ECS service-linked role is not usable by ECS yet")]
    // The ARN variant of EC2's answer.
    [InlineData("ec2", "RunInstances", "InvalidParameterValue", "Value (arn:aws:iam::123456789012:instance-profile/ecsInstanceRole) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN", "IAM instance profile ecsInstanceRole is not visible to EC2 yet")]
    public async Task RunAsync_Should_RetryThenSucceed_When_ARoleIsNotVisibleYet(string service, string operation, string code, string message, string waiting)
    {
        var counter = new Counter();
        Exception Fault() => new Reconciler.Aws.Http.AwsApiException(service, operation, code, HttpStatusCode.BadRequest, "req-1", message);

        Assert.Equal(waiting, AwsError.From(Fault())!.Waiting);
        var result = await Runner(new AwsCallMetrics()).RunAsync(service, operation, CallPurpose.Mutate, Throwing(Fault, 2, counter), CancellationToken.None);

        Assert.Equal("ok", result);
        Assert.Equal(3, counter.Calls);
    }

    [Fact]
    public async Task RunAsync_Should_RetryDeleteCertificate_When_ACMStillSeesItInUseAfterTheListenerWent()
    {
        // ACM answers ResourceInUseException for seconds to minutes after the listener or load balancer that used the
        // certificate is deleted (hashicorp/terraform-provider-aws#3866, aws/aws-cdk#4179).
        var counter = new Counter();
        static Exception InUse() => new Reconciler.Aws.Http.AwsApiException("acm", "DeleteCertificate", "ResourceInUseException", HttpStatusCode.BadRequest, "req-1",
            "Certificate arn:aws:acm:ap-northeast-1:123456789012:certificate/abc in account 123456789012 is in use.");

        var result = await Runner(new AwsCallMetrics()).RunAsync("acm", "DeleteCertificate", CallPurpose.Delete, Throwing(InUse, 3, counter), CancellationToken.None);

        Assert.Equal("ok", result);
        Assert.Equal(4, counter.Calls);
        Assert.Equal(AwsErrorKind.DependencyViolation, AwsError.From(InUse())!.Kind);
    }

    /// <summary>Never answers: the request waits until it is cancelled (HttpClient's timeout).</summary>
    private sealed class SilentHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
