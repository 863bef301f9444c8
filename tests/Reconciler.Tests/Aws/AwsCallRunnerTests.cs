using System.Net;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
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
