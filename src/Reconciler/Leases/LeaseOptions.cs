namespace Reconciler.Leases;

/// <summary>
/// Several replicas sharing environments (<c>run --lease-table</c>): the DynamoDB table, how long a lease lasts
/// unrenewed, this replica's name, and whether a missing table is created at start.
/// </summary>
internal sealed record LeaseOptions(string Table, TimeSpan Duration, string ReplicaId, bool CreateTable = false)
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);

    /// <summary>Leases and the heartbeat are renewed about three times per lease period.</summary>
    public TimeSpan RenewInterval => Duration / 3;
}
