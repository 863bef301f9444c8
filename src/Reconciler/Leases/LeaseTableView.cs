namespace Reconciler.Leases;

/// <summary>One consistent read of the lease table: the replicas whose heartbeat has not expired, and every environment's lease.</summary>
internal sealed record LeaseTableView(IReadOnlyList<string> LiveReplicas, IReadOnlyDictionary<string, Lease> Leases);
