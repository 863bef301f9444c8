using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Controller;

/// <summary>
/// Reports the deployments of ECS services from what the last observation saw (the service provider's rollout
/// attributes): one structured event per service when its rollout changes (a new revision, or a new state), and the
/// rollouts still in progress, for the environment's <c>WaitingFor</c>. A rollout never holds a worker.
/// </summary>
internal sealed partial class RolloutReporter
{
    private readonly ConcurrentDictionary<(string Environment, string Service), Rollout> _last = new();

    /// <summary>The rollouts of the services the plan observed.</summary>
    public static IReadOnlyList<Rollout> Of(Plan plan) =>
        plan.Steps
            .Where(s => s.Kind == ResourceKinds.EcsService && s.Observed is not null)
            .Select(s => Of(s.LogicalId, s.Observed!))
            .OfType<Rollout>()
            .ToList();

    public static Rollout? Of(string service, ObservedResource observed)
    {
        var a = observed.Attributes;
        if (a.GetValueOrDefault("failedTaskDefinition") is { Length: > 0 } failed)
        {
            var rolledBack = observed.Get("circuitBreaker") == "rollback";
            return new Rollout(service, failed, rolledBack ? Rollout.RolledBack : Rollout.Failed, a.GetValueOrDefault("failedReason") ?? string.Empty);
        }

        var state = a.GetValueOrDefault("rolloutState") switch
        {
            "IN_PROGRESS" => Rollout.InProgress,
            "COMPLETED" => Rollout.Steady,
            "FAILED" => observed.Get("circuitBreaker") == "rollback" ? Rollout.RolledBack : Rollout.Failed,
            _ => null,
        };
        if (state is null)
        {
            return null;
        }

        var revision = a.GetValueOrDefault("rolloutTaskDefinition") is { Length: > 0 } td ? td : observed.Get("taskDefinition") ?? string.Empty;
        return new Rollout(service, revision, state, a.GetValueOrDefault("rolloutStateReason") ?? string.Empty);
    }

    /// <summary>Logs the rollouts that changed since the last report of <paramref name="environment"/>; returns the ones in progress as WaitingFor lines.</summary>
    public IReadOnlyList<string> Report(ILogger log, string environment, Plan plan)
    {
        var waiting = new List<string>();
        foreach (var rollout in Of(plan))
        {
            var key = (environment, rollout.Service);
            if (!_last.TryGetValue(key, out var before) || before.TaskDefinition != rollout.TaskDefinition || before.State != rollout.State)
            {
                _last[key] = rollout;
                if (rollout.State is Rollout.RolledBack or Rollout.Failed)
                {
                    LogRolloutFailed(log, environment, rollout.Service, rollout.TaskDefinition, rollout.State, rollout.Reason);
                }
                else
                {
                    LogRollout(log, environment, rollout.Service, rollout.TaskDefinition, rollout.State);
                }
            }

            if (rollout.State == Rollout.InProgress)
            {
                waiting.Add($"{rollout.Service}: rollout to {rollout.TaskDefinition} in progress");
            }
        }

        return waiting;
    }

    /// <summary>Forgets an environment (its spec is gone).</summary>
    public void Forget(string environment)
    {
        foreach (var key in _last.Keys.Where(k => k.Environment == environment))
        {
            _last.TryRemove(key, out _);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Rollout of {Environment} {Service} to {TaskDefinition}: {State}")]
    private static partial void LogRollout(ILogger logger, string environment, string service, string taskDefinition, string state);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Rollout of {Environment} {Service} to {TaskDefinition}: {State} ({Reason})")]
    private static partial void LogRolloutFailed(ILogger logger, string environment, string service, string taskDefinition, string state, string reason);
}
