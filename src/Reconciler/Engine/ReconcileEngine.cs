using Microsoft.Extensions.Logging;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;

namespace Reconciler.Engine;

/// <summary>
/// Observe, plan, apply. Observation is one tag-filtered listing per kind for all environments asked about.
/// Apply repeats observe-plan-execute until the plan is empty (level-based: what one pass could not finish, such as a
/// rule naming a group created in the same pass, the next pass does), at most <see cref="MaxPasses"/> times.
/// </summary>
internal sealed partial class ReconcileEngine(Func<string, ProviderRegistry> providersForRegion, ILogger<ReconcileEngine> log)
{
    public const int MaxPasses = 4;

    public async Task<ObservedState> ObserveAsync(string region, IReadOnlyCollection<ResourceGraph> graphs, CancellationToken ct)
    {
        var providers = providersForRegion(region);
        var environments = graphs.Select(g => g.Environment).ToList();
        var desired = graphs.SelectMany(g => g.Resources).ToLookup(r => r.Kind);
        var lists = await Task.WhenAll(providers.All.Select(p => p.ObserveAsync(environments, desired[p.Kind].ToList(), ct))).ConfigureAwait(false);
        // The tag filter runs in AWS; this check keeps the promise even where an API (or an emulator) ignores it.
        var wanted = environments.ToHashSet(StringComparer.Ordinal);
        return new ObservedState(lists.SelectMany(l => l).Where(r => wanted.Contains(r.Environment)).ToList(), providers.Kinds);
    }

    public async Task<Plan> PlanAsync(ResourceGraph graph, PlanOptions options, CancellationToken ct)
    {
        var observed = await ObserveAsync(graph.Region, [graph], ct).ConfigureAwait(false);
        return Planner.Plan(graph, observed, options);
    }

    public async Task<ApplyResult> ApplyAsync(ResourceGraph graph, PlanOptions options, CancellationToken ct)
    {
        var results = new List<StepResult>();
        var plan = await PlanAsync(graph, options, ct).ConfigureAwait(false);
        var passes = 0;
        while (plan.HasChanges && passes < MaxPasses)
        {
            passes++;
            LogPass(log, graph.Environment, passes, plan.Summary);
            foreach (var step in plan.Changes)
            {
                LogStep(log, graph.Environment, step.Action.ToString().ToLowerInvariant(), step.LogicalId, step.AwsId, step.Reason);
            }

            var executor = new ApplyExecutor(providersForRegion(graph.Region), log);
            var stepResults = await executor.ExecuteAsync(plan, ct).ConfigureAwait(false);
            results.AddRange(stepResults);
            plan = await PlanAsync(graph, options, ct).ConfigureAwait(false);
            if (stepResults.Any(r => r.Outcome == StepOutcome.Failed))
            {
                break;
            }
        }

        return new ApplyResult(graph.Environment, results, plan, passes);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Environment}: will {Action} {LogicalId} ({AwsId}): {Reason}")]
    private static partial void LogStep(ILogger logger, string environment, string action, string logicalId, string? awsId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Environment}: pass {Pass}: {Summary}")]
    private static partial void LogPass(ILogger logger, string environment, int pass, string summary);
}
