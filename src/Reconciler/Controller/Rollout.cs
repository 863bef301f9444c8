namespace Reconciler.Controller;

/// <summary>
/// Where a service's deployment stands: <see cref="State"/> is <c>in progress</c>, <c>steady</c> (COMPLETED),
/// <c>rolled back</c> (FAILED, the circuit breaker returned to the last good revision) or <c>failed</c>.
/// </summary>
internal sealed record Rollout(string Service, string TaskDefinition, string State, string Reason)
{
    public const string InProgress = "in progress";
    public const string Steady = "steady";
    public const string RolledBack = "rolled back";
    public const string Failed = "failed";
}
