namespace Reconciler.Aws.Budget;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: <see cref="ApiBucket.Burst"/> tokens at most, refilled at
/// <see cref="ApiBucket.PerSecond"/>. A caller that finds it empty reserves the next token (the count goes below zero)
/// and waits until it is due, so waiters are served in arrival order at exactly the refill rate, and a burst of a
/// thousand environments becomes a steady stream instead of a wall of throttling errors.
/// </summary>
internal sealed class TokenBucket(ApiBucket bucket, TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _tokens = bucket.Burst;
    private long _stamp = time.GetTimestamp();

    public ApiBucket Bucket => bucket;

    /// <summary>Takes one token; returns how long the caller must wait before using it (zero when one was there).</summary>
    public TimeSpan Take()
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(bucket.Burst, _tokens + (time.GetElapsedTime(_stamp, now).TotalSeconds * bucket.PerSecond));
            _stamp = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / bucket.PerSecond);
        }
    }

    /// <summary>
    /// AWS throttled a call of this bucket anyway (another client in the account spends it too): the burst is given
    /// up, so the following calls go at the refill rate until the bucket has refilled.
    /// </summary>
    public void Drain()
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(0, Math.Min(bucket.Burst, _tokens + (time.GetElapsedTime(_stamp, now).TotalSeconds * bucket.PerSecond)));
            _stamp = now;
        }
    }

    /// <summary>Tokens available now (negative: reserved by waiting callers).</summary>
    public double Available
    {
        get
        {
            lock (_lock)
            {
                return Math.Min(bucket.Burst, _tokens + (time.GetElapsedTime(_stamp).TotalSeconds * bucket.PerSecond));
            }
        }
    }
}
