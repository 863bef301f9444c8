using System.Collections.Concurrent;

namespace Reconciler.Bench.Fleet;

/// <summary>
/// Latencies by (service, operation): count and total, thread-safe. With <see cref="Serial"/> on, requests go one at a
/// time, so each latency is the emulator's own, not time spent queued behind concurrent calls.
/// </summary>
internal sealed class CallTimings
{
    private readonly ConcurrentDictionary<(string Service, string Operation), (long Count, TimeSpan Total)> _calls = new();

    public bool Serial { get; set; }

    /// <summary>Requests per second by operation (ScaleBench's comparison with AWS's rate limits).</summary>
    public RateHistogram Rates { get; } = new();

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Every request with its start and latency, while active (the convergence timeline of (c)).</summary>
    public Timeline Timeline { get; } = new();

    public void Clear() => _calls.Clear();

    /// <summary>The mean latencies recorded so far, for pricing calls later.</summary>
    public Latencies Snapshot() => new(_calls.ToDictionary(kv => kv.Key, kv => kv.Value));

    public void Record(string service, string operation, TimeSpan elapsed) =>
        _calls.AddOrUpdate((service, operation), (1, elapsed), (_, v) => (v.Count + 1, v.Total + elapsed));
}
