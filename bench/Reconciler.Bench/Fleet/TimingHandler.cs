using System.Collections.Concurrent;
using System.Diagnostics;

namespace Reconciler.Bench.Fleet;

/// <summary>
/// Wraps the engine's HTTP handlers (AwsComposition's wrapHandler hook) and times every request by service and
/// operation, the way AwsCallMetrics counts them: the latency that a call on a dependency chain costs.
/// </summary>
internal sealed class TimingHandler(HttpMessageHandler inner, CallTimings timings) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (service, operation) = await OperationNames.OfAsync(request, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        timings.Record(service, operation, Stopwatch.GetElapsedTime(started));
        return response;
    }
}

/// <summary>Latencies by (service, operation): count and total, thread-safe.</summary>
internal sealed class CallTimings
{
    private readonly ConcurrentDictionary<(string Service, string Operation), (long Count, TimeSpan Total)> _calls = new();

    public void Record(string service, string operation, TimeSpan elapsed) =>
        _calls.AddOrUpdate((service, operation), (1, elapsed), (_, v) => (v.Count + 1, v.Total + elapsed));

    /// <summary>The mean latency of an operation; else of its service; else of everything; null before any call.</summary>
    public TimeSpan? Mean(string service, string operation)
    {
        if (_calls.TryGetValue((service, operation), out var v))
        {
            return v.Total / v.Count;
        }

        var same = _calls.Where(kv => kv.Key.Service == service).Select(kv => kv.Value).ToList();
        var pool = same.Count > 0 ? same : [.. _calls.Values];
        var count = pool.Sum(p => p.Count);
        return count == 0 ? null : TimeSpan.FromTicks(pool.Sum(p => p.Total.Ticks) / count);
    }
}
