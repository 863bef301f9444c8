using System.Collections.Concurrent;

namespace Reconciler.Aws;

/// <summary>Counts every attempt of every AWS call by service, operation and outcome (ok or the error code).</summary>
internal sealed class AwsCallMetrics
{
    private readonly ConcurrentDictionary<(string Service, string Operation, string Outcome), long> _calls = new();

    public void Record(string service, string operation, string outcome) =>
        _calls.AddOrUpdate((service, operation, outcome), 1, (_, n) => n + 1);

    public IReadOnlyDictionary<(string Service, string Operation, string Outcome), long> Snapshot() =>
        new Dictionary<(string, string, string), long>(_calls);

    public long Total => _calls.Values.Sum();

    /// <summary>Calls that change something: everything but Describe, List and Get.</summary>
    public long Mutating => _calls.Where(kv => IsMutating(kv.Key.Operation)).Sum(kv => kv.Value);

    public static bool IsMutating(string operation) =>
        !(operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal) ||
          operation.StartsWith("Get", StringComparison.Ordinal));
}
