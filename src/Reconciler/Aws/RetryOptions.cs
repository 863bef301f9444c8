namespace Reconciler.Aws;

/// <summary>The retry schedule. Tests shorten it; the defaults suit real AWS.</summary>
internal sealed record RetryOptions(
    int MaxThrottleRetries = 8,
    int MaxTransientRetries = 4,
    TimeSpan? BaseDelay = null,
    TimeSpan? MaxDelay = null,
    TimeSpan? NotFoundWindow = null,
    TimeSpan? DependencyWindow = null)
{
    public TimeSpan Base => BaseDelay ?? TimeSpan.FromMilliseconds(200);

    public TimeSpan Max => MaxDelay ?? TimeSpan.FromSeconds(20);

    /// <summary>How long a NotFound right after a create is taken for eventual consistency.</summary>
    public TimeSpan NotFoundFor => NotFoundWindow ?? TimeSpan.FromSeconds(30);

    /// <summary>How long a DependencyViolation on delete is waited out.</summary>
    public TimeSpan DependencyFor => DependencyWindow ?? TimeSpan.FromMinutes(5);
}
