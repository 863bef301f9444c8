namespace Reconciler.Controller;

/// <summary>What <c>reconciler run</c> watches and how often it looks again.</summary>
internal sealed record ControllerOptions(
    IReadOnlyList<string> Folders,
    IReadOnlyList<string> S3Locations,
    TimeSpan Resync,
    TimeSpan Rescan,
    int Workers,
    string? Listen)
{
    /// <summary>Resync periods are spread by this fraction so that a fleet does not resync in step.</summary>
    public double ResyncJitter { get; init; } = 0.1;

    public WorkQueueOptions Backoff { get; init; } = WorkQueueOptions.Default;

    /// <summary>Several replicas sharing the environments through a DynamoDB lease table; null: this one reconciles all.</summary>
    public Leases.LeaseOptions? Leases { get; init; }
}
