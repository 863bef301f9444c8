using System.Collections.Concurrent;

namespace Reconciler.Aws.Budget;

/// <summary>
/// The client-side API budget: one <see cref="TokenBucket"/> per AWS bucket and region, shared by every environment
/// and every worker of the process, so a large fleet slows down to the published rates instead of being throttled
/// (throttling would cost retries, and other tools' calls in the same account). Global services (IAM, Route53) count
/// under one region, as AWS counts them. <see cref="Scale"/> multiplies every rate (an account with raised limits).
/// </summary>
internal sealed class ApiBudget(TimeProvider time, double scale = 1.0)
{
    private readonly ConcurrentDictionary<(string Region, string Bucket), TokenBucket> _buckets = new();
    private readonly ConcurrentDictionary<string, long> _waitTicks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _waits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _throttled = new(StringComparer.Ordinal);

    public double Scale => scale;

    /// <summary>Waits, if needed, until a call of <paramref name="operation"/> fits in its bucket.</summary>
    public async ValueTask AcquireAsync(string service, string region, string operation, CancellationToken ct)
    {
        var (bucket, tokens) = Bucket(service, region, operation);
        var wait = tokens.Take();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        _waits.AddOrUpdate(bucket.Name, 1, (_, n) => n + 1);
        _waitTicks.AddOrUpdate(bucket.Name, wait.Ticks, (_, n) => n + wait.Ticks);
        await Task.Delay(wait, time, ct).ConfigureAwait(false);
    }

    /// <summary>AWS throttled a call despite the budget: its bucket stops bursting until it refills (see <see cref="TokenBucket.Drain"/>).</summary>
    public void Throttled(string service, string region, string operation)
    {
        var (bucket, tokens) = Bucket(service, region, operation);
        tokens.Drain();
        _throttled.AddOrUpdate(bucket.Name, 1, (_, n) => n + 1);
    }

    /// <summary>Throttling answers received despite the budget, by bucket name.</summary>
    public IReadOnlyDictionary<string, long> ThrottledCalls() => new Dictionary<string, long>(_throttled, StringComparer.Ordinal);

    private (ApiBucket Bucket, TokenBucket Tokens) Bucket(string service, string region, string operation)
    {
        var bucket = ApiBuckets.For(service, operation);
        // IAM and Route 53 are global: one bucket per account ("global", or "<account>/global" for an assumed role's).
        var key = (service is "iam" or "route53" ? (region.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? region[..slash] + "/global" : "global") : region, bucket.Name);
        return (bucket, _buckets.GetOrAdd(key, _ => new TokenBucket(bucket with { Burst = Math.Max(1, (int)(bucket.Burst * scale)), PerSecond = bucket.PerSecond * scale }, time)));
    }

    /// <summary>Calls that had to wait, and for how long in total, by bucket name.</summary>
    public IReadOnlyDictionary<string, (long Calls, TimeSpan Waited)> Waits() =>
        _waits.ToDictionary(kv => kv.Key, kv => (kv.Value, TimeSpan.FromTicks(_waitTicks.GetValueOrDefault(kv.Key))), StringComparer.Ordinal);

    /// <summary>Tokens left in a bucket of a region (tests, status).</summary>
    public double Available(string region, string bucket) =>
        _buckets.TryGetValue((region, bucket), out var tokens) ? tokens.Available : double.NaN;
}
