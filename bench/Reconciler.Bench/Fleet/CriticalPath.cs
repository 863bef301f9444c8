using Reconciler.Engine;
using Reconciler.Model.Graph;

namespace Reconciler.Bench.Fleet;

/// <summary>
/// The longest dependency chain of a graph, each node priced with what its create cost in calls: the mutating calls
/// the apply made for that node's kind (counted by AwsCallMetrics), times each operation's measured mean latency,
/// shared among the kind's nodes. Plus the waits AWS imposes on a node (the emulator issues certificates 2 s after
/// the request). That sum is the least time any client needs to build the environment, one call after another.
/// </summary>
internal static class CriticalPath
{
    /// <summary>MOTO_ACM_VALIDATION_WAIT, as MotoProcess sets it.</summary>
    public static readonly TimeSpan CertificateWait = TimeSpan.FromSeconds(2);

    public static ChainResult Of(string label, ResourceGraph graph, ApplyResult result, TimeSpan wall,
        IReadOnlyDictionary<(string Service, string Operation, string Outcome), long> calls, Latencies latencies)
    {
        var costByKind = new Dictionary<ResourceKind, TimeSpan>();
        var unattributed = new List<string>();
        foreach (var ((service, operation, _), count) in calls.Where(kv => Reconciler.Aws.AwsCallMetrics.IsMutating(kv.Key.Operation)))
        {
            var mean = latencies.Mean(service, operation);
            if (CreateOperations.KindOf(service, operation) is { } kind)
            {
                costByKind[kind] = costByKind.GetValueOrDefault(kind) + (mean * count);
            }
            else
            {
                unattributed.Add($"{service}:{operation} x{count}");
            }
        }

        var nodesOfKind = graph.Resources.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count());
        TimeSpan Calls(DesiredResource r) => costByKind.GetValueOrDefault(r.Kind) / nodesOfKind[r.Kind];
        TimeSpan Waits(DesiredResource r) => r.Kind == ResourceKinds.Certificate ? CertificateWait : TimeSpan.Zero;

        // Resources come in dependency order: every node after what it depends on.
        var best = new Dictionary<string, (TimeSpan Total, string? Previous)>(StringComparer.Ordinal);
        foreach (var node in graph.Resources)
        {
            var previous = node.DependsOn.Concat(node.Properties.Values.SelectMany(v => v.ReferencedIds()))
                .Where(best.ContainsKey)
                .Select(id => (Id: id, best[id].Total))
                .OrderByDescending(p => p.Total)
                .FirstOrDefault();
            best[node.LogicalId] = ((previous.Id is null ? TimeSpan.Zero : previous.Total) + Calls(node) + Waits(node), previous.Id);
        }

        var chain = new List<string>();
        for (var id = best.MaxBy(kv => kv.Value.Total).Key; id is not null; id = best[id].Previous)
        {
            chain.Insert(0, id);
        }

        var byId = graph.Resources.ToDictionary(r => r.LogicalId, StringComparer.Ordinal);
        var chainCalls = chain.Aggregate(TimeSpan.Zero, (t, id) => t + Calls(byId[id]));
        var chainWaits = chain.Aggregate(TimeSpan.Zero, (t, id) => t + Waits(byId[id]));
        var mutating = calls.Where(kv => Reconciler.Aws.AwsCallMetrics.IsMutating(kv.Key.Operation)).Sum(kv => kv.Value);
        return new ChainResult(label, wall, result.Converged, result.Passes, calls.Values.Sum(), mutating, chain, chainCalls, chainWaits, unattributed);
    }
}
