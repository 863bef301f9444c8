namespace Reconciler.Leases;

/// <summary>
/// The registry item as one read or write handed it back: its version (raised by every registration, expulsion and
/// graceful removal, never by a heartbeat) and every replica's heartbeat. <see cref="Rejoined"/>: this replica's
/// previous incarnation had been expelled (its heartbeat lapsed and another replica removed it), so every lease it
/// held may have been taken over.
/// </summary>
internal sealed record ReplicaRegistry(long Version, IReadOnlyList<ReplicaEntry> Entries, bool Rejoined = false)
{
    /// <summary>The replicas whose heartbeat has not lapsed at <paramref name="now"/>, by name.</summary>
    public IReadOnlyList<string> LiveReplicas(DateTimeOffset now) =>
        [.. Entries.Where(e => e.ExpiresAt >= now).Select(e => e.Replica).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Whether a lease written under <paramref name="incarnation"/> belongs to nobody any more: that incarnation was
    /// registered no later than this version (incarnations are registry versions) and its heartbeat is gone from it
    /// (expelled or removed; its replica can never write under it again). An incarnation newer than this read is not
    /// judged: it may have registered after it.
    /// </summary>
    public bool IsDead(long incarnation) => incarnation <= Version && Entries.All(e => e.Incarnation != incarnation);
}
