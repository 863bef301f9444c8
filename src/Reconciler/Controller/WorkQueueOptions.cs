namespace Reconciler.Controller;

/// <summary>How the queue backs off failing keys: exponential from <see cref="BaseDelay"/> to <see cref="MaxDelay"/>, with jitter.</summary>
internal sealed record WorkQueueOptions(TimeSpan BaseDelay, TimeSpan MaxDelay, double Jitter = 0.2)
{
    public static WorkQueueOptions Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));
}
