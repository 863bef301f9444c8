using Reconciler.Model.Planning;

namespace Reconciler.Providers;

/// <summary>
/// Thrown by a create, update or delete when what it needs is not ready yet (a certificate's validation records not
/// published, a database busy, a deletion still running in AWS): not a failure. It carries the same
/// <see cref="Model.Planning.Readiness"/> an observation reports; the step and its dependents wait and the engine comes
/// back after <see cref="Readiness.RequeueAfter"/> instead of holding a worker.
/// </summary>
internal sealed class NotReadyException(Readiness readiness) : Exception(readiness.Reason ?? "not ready")
{
    public NotReadyException(string reason, TimeSpan requeueAfter)
        : this(Readiness.NotReady(reason, requeueAfter))
    {
    }

    public Readiness Readiness { get; } = readiness.IsReady ? throw new ArgumentException("a ready resource is not a wait", nameof(readiness)) : readiness;
}
