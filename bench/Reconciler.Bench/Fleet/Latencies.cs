namespace Reconciler.Bench.Fleet;

/// <summary>Recorded latencies by (service, operation): count and total.</summary>
internal sealed record Latencies(IReadOnlyDictionary<(string Service, string Operation), (long Count, TimeSpan Total)> Calls)
{
    /// <summary>The mean latency of an operation; else of its service; else of everything; zero before any call.</summary>
    public TimeSpan Mean(string service, string operation)
    {
        if (Calls.TryGetValue((service, operation), out var v))
        {
            return v.Total / v.Count;
        }

        var same = Calls.Where(kv => kv.Key.Service == service).Select(kv => kv.Value).ToList();
        var pool = same.Count > 0 ? same : [.. Calls.Values];
        var count = pool.Sum(p => p.Count);
        return count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(pool.Sum(p => p.Total.Ticks) / count);
    }

    public long Count => Calls.Values.Sum(v => v.Count);
}
