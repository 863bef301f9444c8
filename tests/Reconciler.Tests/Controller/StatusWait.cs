using Reconciler.Controller;

namespace Reconciler.Tests.Controller;

/// <summary>Waits (60 s unless told) for an environment's status to satisfy a condition; the timeout names the status and the log.</summary>
internal static class StatusWait
{
    public static async Task<EnvironmentStatus> Until(StatusStore statuses, string env, Func<EnvironmentStatus, bool> condition, Func<string> log, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (statuses.Find(env) is { } status && condition(status))
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{env}: {statuses.Find(env)}\n{log()}");
    }
}
