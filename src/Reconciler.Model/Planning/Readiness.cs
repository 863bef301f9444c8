namespace Reconciler.Model.Planning;

/// <summary>
/// Whether an observed (or just created) resource can be used by what depends on it. Not ready is not a failure: it
/// exists but is still creating, provisioning, pending validation, stopping or deleting; <see cref="Reason"/> says
/// what is awaited (for the status and the logs) and <see cref="RequeueAfter"/> when it is worth looking again.
/// The engine makes dependents wait and returns a requeue; nothing waits inline.
/// </summary>
internal sealed record Readiness
{
    private Readiness(string? reason, TimeSpan requeueAfter)
    {
        Reason = reason;
        RequeueAfter = requeueAfter;
    }

    public static Readiness Ready { get; } = new(null, TimeSpan.Zero);

    /// <summary>Null when ready.</summary>
    public string? Reason { get; }

    public TimeSpan RequeueAfter { get; }

    public bool IsReady => Reason is null;

    public static Readiness NotReady(string reason, TimeSpan requeueAfter)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new Readiness(reason, requeueAfter);
    }

    public override string ToString() => Reason is null ? "ready" : $"not ready: {Reason} (look again in {RequeueAfter})";
}
