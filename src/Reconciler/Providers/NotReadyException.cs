namespace Reconciler.Providers;

/// <summary>
/// Thrown by a provider when what it needs is not ready yet (a certificate not ISSUED, a database still creating):
/// not a failure. The step and its dependents wait; the engine comes back after <see cref="RetryAfter"/> instead of
/// holding a worker. <see cref="Message"/> says what is awaited, for the status and the logs.
/// </summary>
internal sealed class NotReadyException(string waitingFor, TimeSpan retryAfter) : Exception(waitingFor)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
