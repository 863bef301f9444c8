using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Reconciler.Aws.Budget;
using Reconciler.Telemetry;

namespace Reconciler.Aws;

/// <summary>
/// The one place that decides retries: every AWS call of every client goes through <see cref="RunAsync{T}"/>,
/// which counts it and runs it in the Polly pipeline of its purpose. The SDK's own retries are switched off
/// (<see cref="AwsClientFactory"/>), so attempts never multiply: what the metrics count is what AWS saw.
/// </summary>
internal sealed partial class AwsCallRunner
{
    private readonly AwsCallMetrics _metrics;
    private readonly ILogger<AwsCallRunner> _log;
    private readonly RetryOptions _options;
    private readonly Dictionary<CallPurpose, ResiliencePipeline> _pipelines;
    private readonly ApiBudget? _budget;
    private readonly string _region;

    /// <param name="budget">The client-side API budget every attempt draws from (null: none, for unit tests).</param>
    /// <param name="region">The region this runner's calls go to: the budget is per region, as AWS's buckets are.</param>
    public AwsCallRunner(AwsCallMetrics metrics, ILogger<AwsCallRunner> log, TimeProvider time, RetryOptions? options = null, ApiBudget? budget = null, string region = "global")
    {
        _metrics = metrics;
        _log = log;
        _options = options ?? new RetryOptions();
        _budget = budget;
        _region = region;
        _pipelines = Enum.GetValues<CallPurpose>().ToDictionary(p => p, p => Build(p, time));
    }

    public string Region => _region;

    public AwsCallMetrics Metrics => _metrics;

    public async Task<T> RunAsync<T>(string service, string operation, CallPurpose purpose, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(OperationKey, $"{service}:{operation}");
        var attempt = 0;
        try
        {
            return await _pipelines[purpose].ExecuteAsync(
                async (ctx, state) =>
                {
                    if (_budget is not null)
                    {
                        // Every attempt, retries included, is a request AWS counts against its bucket.
                        await _budget.AcquireAsync(service, _region, operation, ctx.CancellationToken).ConfigureAwait(false);
                    }

                    // A span per attempt, as each is a request AWS saw (the budget's wait is before it, not in it).
                    using var span = ReconcilerTelemetry.StartAwsCall(service, operation, ++attempt, _region);
                    try
                    {
                        var result = await state(ctx.CancellationToken).ConfigureAwait(false);
                        _metrics.Record(service, operation, "ok");
                        // The SDK's answers carry AWS's request id (ResponseMetadata.RequestId, AWS SDK for .NET API reference:
                        // Amazon.Runtime.ResponseMetadata); the thin clients' transport sets it from the header.
                        ReconcilerTelemetry.RequestId((result as AmazonWebServiceResponse)?.ResponseMetadata?.RequestId);
                        return result;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ctx.CancellationToken.IsCancellationRequested)
                    {
                        var error = AwsError.From(ex);
                        _metrics.Record(service, operation, error?.Code ?? ex.GetType().Name);
                        ReconcilerTelemetry.RequestId(error?.RequestId);
                        ReconcilerTelemetry.Failed(span, error?.Code ?? ex.GetType().Name);
                        if (error?.Kind == AwsErrorKind.Throttling)
                        {
                            _budget?.Throttled(service, _region, operation);
                        }

                        throw;
                    }
                },
                context,
                call).ConfigureAwait(false);
        }
        catch (Exception ex) when (AwsError.From(ex) is { } error)
        {
            throw new AwsCallException(service, operation, error, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public Task RunAsync(string service, string operation, CallPurpose purpose, Func<CancellationToken, Task> call, CancellationToken ct) =>
        RunAsync(service, operation, purpose, async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        }, ct);

    private static readonly ResiliencePropertyKey<string> OperationKey = new("aws.operation");

    private ResiliencePipeline Build(CallPurpose purpose, TimeProvider time)
    {
        var maxAttempts = Math.Max(Math.Max(_options.MaxThrottleRetries, _options.MaxTransientRetries), Math.Max(NotFoundRetries, DependencyRetries));
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.Base,
                MaxDelay = _options.Max,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && ShouldRetry(purpose, ex, args.AttemptNumber)),
                OnRetry = args =>
                {
                    var error = args.Outcome.Exception is { } ex ? AwsError.From(ex) : null;
                    if (error?.Waiting is { } waiting)
                    {
                        // Said at information level: a fresh account waits here for seconds, and should see why.
                        LogWaiting(_log, args.Context.Properties.GetValue(OperationKey, "?"), waiting, args.AttemptNumber + 1, args.RetryDelay);
                        return ValueTask.CompletedTask;
                    }

                    LogRetry(_log, args.Context.Properties.GetValue(OperationKey, "?"), error?.Code ?? "?", args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private int NotFoundRetries => RetriesWithin(_options.NotFoundFor);

    private int DependencyRetries => RetriesWithin(_options.DependencyFor);

    /// <summary>How many exponentially growing, capped delays fit in <paramref name="window"/>.</summary>
    private int RetriesWithin(TimeSpan window)
    {
        var total = TimeSpan.Zero;
        var delay = _options.Base;
        var n = 0;
        while (total < window && n < 100)
        {
            total += delay;
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.Max.Ticks));
            n++;
        }

        return n;
    }

    private bool ShouldRetry(CallPurpose purpose, Exception exception, int attempt)
    {
        if (AwsError.From(exception) is not { } error)
        {
            return false;
        }

        return error.Kind switch
        {
            AwsErrorKind.Throttling => attempt < _options.MaxThrottleRetries,
            AwsErrorKind.Transient => purpose != CallPurpose.Create && attempt < _options.MaxTransientRetries,
            AwsErrorKind.NotFound => purpose is CallPurpose.Mutate or CallPurpose.Create && attempt < NotFoundRetries,
            // AWS refused the request (nothing was made), so even a create is safe to send again; bounded like NotFound.
            AwsErrorKind.EventualConsistency => purpose is CallPurpose.Mutate or CallPurpose.Create && attempt < NotFoundRetries,
            AwsErrorKind.DependencyViolation => purpose == CallPurpose.Delete && attempt < DependencyRetries,
            _ => false,
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "AWS {Operation} answered {ErrorCode}; attempt {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string operation, string errorCode, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS {Operation} waits: {Waiting}; attempt {Attempt} in {Delay}")]
    private static partial void LogWaiting(ILogger logger, string operation, string waiting, int attempt, TimeSpan delay);
}
