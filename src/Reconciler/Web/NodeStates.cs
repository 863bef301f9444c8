using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Web;

/// <summary>
/// The state of each resource after a pass, from the plan observed at its end and what its apply did: a change left in
/// the plan is drifted when nothing was applied (detect mode), else waiting, failing or still changing per its step's
/// last outcome; a step in sync whose resource is not ready yet, or that the pass reports waiting for (an ECS rollout in
/// progress: <paramref name="waiting"/> holds the status's <c>"logical-id: what"</c> lines), is waiting for that.
/// </summary>
internal static class NodeStates
{
    public static IReadOnlyList<NodeView> Of(Plan plan, ApplyResult? applied, IReadOnlyList<string>? waiting = null)
    {
        var outcomes = (applied?.Steps ?? []).GroupBy(s => s.Step.LogicalId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return [.. plan.Steps.Select(step => Node(step, outcomes.GetValueOrDefault(step.LogicalId), applied is not null)).Select(node =>
            node.State == NodeState.InSync && waiting?.FirstOrDefault(w => w.StartsWith(node.LogicalId + ": ", StringComparison.Ordinal)) is { } line
                ? node with { State = NodeState.Waiting, Detail = line[(node.LogicalId.Length + 2)..] }
                : node)];
    }

    private static NodeView Node(PlanStep step, StepResult? outcome, bool applied)
    {
        var (state, detail) = step.Action switch
        {
            PlanAction.NoOp when step.Observed is { Readiness.IsReady: false } observed => (NodeState.Waiting, observed.Readiness.Reason),
            PlanAction.NoOp => (NodeState.InSync, (string?)null),
            PlanAction.Orphan => (NodeState.Orphaned, step.Reason),
            PlanAction.Conflict or PlanAction.Blocked or PlanAction.BlockedByDependency => (NodeState.Blocked, step.Reason),
            PlanAction.Unsupported => (NodeState.Unmanaged, step.Reason),
            _ when outcome is not null => outcome.Outcome switch
            {
                StepOutcome.Waiting => (NodeState.Waiting, outcome.Message ?? step.Reason),
                StepOutcome.Failed => (NodeState.Failed, outcome.Message ?? step.Reason),
                StepOutcome.Skipped when outcome.Terminal => (NodeState.Failed, outcome.Message ?? step.Reason),
                StepOutcome.Skipped => (NodeState.Waiting, outcome.Message ?? step.Reason),
                _ => (NodeState.Changing, $"{Verb(step.Action)}: {step.Reason}"),
            },
            // The apply stopped before this step (it waits on another one); without an apply, detect mode reports it.
            _ => applied ? (NodeState.Waiting, $"to {Verb(step.Action)} once what it needs is ready: {step.Reason}") : (NodeState.Drifted, step.Reason),
        };

        var dependsOn = step.Desired is { } desired
            ? desired.DependsOn.Concat(desired.Properties.Values.SelectMany(v => v.ReferencedIds())).Distinct(StringComparer.Ordinal).ToList()
            : [];
        return new NodeView(step.LogicalId, step.Kind.Name, step.Kind.Rank, step.AwsId ?? outcome?.AwsId, state, detail, dependsOn, Fields(step));
    }

    private static string Verb(PlanAction action) => action switch
    {
        PlanAction.Create => "create",
        PlanAction.Update => "update",
        PlanAction.Replace => "replace",
        PlanAction.Delete => "delete",
        _ => action.ToString().ToLowerInvariant(),
    };

    /// <summary>The fields that differ first (desired against actual), then the others the spec or AWS has, with their tags.</summary>
    private static List<FieldView> Fields(PlanStep step)
    {
        var fields = step.Changes.Select(c => new FieldView(c.Path, c.Desired, c.Actual, true)).ToList();
        var changed = step.Changes.Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        var desired = Flatten(step.Desired?.Properties, step.Desired?.Tags);
        var actual = Flatten(step.Observed?.Properties, step.Observed?.Tags);
        foreach (var path in desired.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            if (!changed.Contains(path) && !changed.Any(c => c.StartsWith(path + ".", StringComparison.Ordinal) || path.StartsWith(c + ".", StringComparison.Ordinal)))
            {
                fields.Add(new FieldView(path, desired.GetValueOrDefault(path), actual.GetValueOrDefault(path), false));
            }
        }

        return fields;
    }

    private static Dictionary<string, string> Flatten(IReadOnlyDictionary<string, FieldValue>? properties, IReadOnlyDictionary<string, string>? tags)
    {
        var values = (properties ?? new Dictionary<string, FieldValue>()).ToDictionary(p => p.Key, p => p.Value.Display, StringComparer.Ordinal);
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            values["tags." + key] = value;
        }

        return values;
    }
}
