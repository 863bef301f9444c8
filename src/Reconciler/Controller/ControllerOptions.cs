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

    /// <summary>
    /// How old the shared observation of a region may be when an environment's resync uses it (null: 0.9 of
    /// <see cref="Resync"/>, so a steady fleet is listed about once per period; zero: every environment observes on its own).
    /// </summary>
    public TimeSpan? SharedObservationMaxAge { get; init; }

    /// <summary>
    /// K: each shared observation reads about 1/K of a region's environments in detail (the per-resource reads no
    /// listing answers: VPC DNS attributes, bucket settings, ECS services, tags the inventory lacks), the others reuse
    /// the values last read, so a hand edit of such a field is seen within K resyncs (default 6: about 30 minutes with
    /// a 5-minute resync). 1: every environment in full at every resync. Nothing is ever acted on from reused values:
    /// a change is confirmed by a full read of the environment first.
    /// </summary>
    public int DetailEvery { get; init; } = 6;

    /// <summary>Several replicas sharing the environments through a DynamoDB lease table; null: this one reconciles all.</summary>
    public Leases.LeaseOptions? Leases { get; init; }

    /// <summary>
    /// How long a removed spec stays a tombstone before its environment is pruned (a spec's own <c>pruneGrace</c> wins);
    /// the prune also waits for two complete listings of its source.
    /// </summary>
    public TimeSpan PruneGrace { get; init; } = SpecCatalog.DefaultPruneGrace;

    /// <summary>A complete listing that loses more than this fraction of its source's environments at once removes nothing.</summary>
    public double MaxPruneFraction { get; init; } = SpecCatalog.DefaultMaxPruneFraction;

    /// <summary>
    /// The SQS queue the S3 sources' event notifications go to (<c>--events</c>); null: the sources are only listed every
    /// <see cref="Rescan"/>. With it, <see cref="Rescan"/> is the long fallback period (<c>--fallback-rescan</c>).
    /// </summary>
    public SqsQueueLocation? Events { get; init; }

    /// <summary>The dashboard's token for "Resync now" (<c>--ui-token</c>); null: <see cref="Web.UiToken.Variable"/>, else read-only.</summary>
    public Web.UiToken? UiToken { get; init; }
}
