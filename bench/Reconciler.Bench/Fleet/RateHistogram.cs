using System.Collections.Concurrent;
using System.Diagnostics;

namespace Reconciler.Bench.Fleet;

/// <summary>
/// Requests per wall-clock second by (service, operation), as sent: the highest count in any one second of a span is
/// what AWS's per-second token buckets see, which an average over the span hides.
/// </summary>
internal sealed class RateHistogram
{
    private readonly ConcurrentDictionary<(long Second, string Service, string Operation), int> _counts = new();

    /// <summary>The current second on the monotonic clock (the key of <see cref="Record"/>).</summary>
    public static long Now() => Stopwatch.GetTimestamp() / Stopwatch.Frequency;

    public void Record(string service, string operation) =>
        _counts.AddOrUpdate((Now(), service, operation), 1, (_, n) => n + 1);

    /// <summary>Per (service, operation) within [from, to]: total requests and the highest count in one second.</summary>
    public Dictionary<(string Service, string Operation), (int Total, int PeakPerSecond)> Between(long from, long to) =>
        _counts.Where(kv => kv.Key.Second >= from && kv.Key.Second <= to)
            .GroupBy(kv => (kv.Key.Service, kv.Key.Operation))
            .ToDictionary(g => g.Key, g => (g.Sum(kv => kv.Value), g.Max(kv => kv.Value)));

    /// <summary>Per group of operations (a budget bucket) within [from, to]: the highest count in one second.</summary>
    public Dictionary<string, int> PeakBy(long from, long to, Func<string, string, string> group) =>
        _counts.Where(kv => kv.Key.Second >= from && kv.Key.Second <= to)
            .GroupBy(kv => (kv.Key.Second, Group: group(kv.Key.Service, kv.Key.Operation)))
            .Select(g => (g.Key.Group, Count: g.Sum(kv => kv.Value)))
            .GroupBy(x => x.Group, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(x => x.Count), StringComparer.Ordinal);
}
