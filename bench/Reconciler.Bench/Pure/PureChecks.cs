using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Bench.Pure;

/// <summary>What the pure benchmarks rely on, checked before anything is measured.</summary>
internal static class PureChecks
{
    private static readonly PlanOptions Options = new(Prune: true);

    public static void RequireEmptyPlans(IReadOnlyList<ResourceGraph> graphs, IReadOnlyList<ObservedState> steady)
    {
        for (var i = 0; i < graphs.Count; i++)
        {
            var plan = Planner.Plan(graphs[i], steady[i], Options);
            if (plan.HasChanges || plan.Steps.Count != graphs[i].Resources.Count)
            {
                throw new InvalidOperationException($"the synthesized steady state of {graphs[i].Environment} is not in sync: {plan.Summary}");
            }
        }
    }
}
