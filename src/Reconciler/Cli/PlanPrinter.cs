using System.Text;
using System.Text.Json;
using Reconciler.Model.Planning;

namespace Reconciler.Cli;

/// <summary>Shows a plan as text for people (+ create, ~ update, -/+ replace, - delete) or as JSON for machines.</summary>
internal static class PlanPrinter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Text(Plan plan, string file, bool showInSync = false)
    {
        var text = new StringBuilder();
        text.AppendLine($"Environment {plan.Environment} ({file})");
        foreach (var step in plan.Steps)
        {
            if ((step.Action == PlanAction.NoOp && !showInSync) || step.Action == PlanAction.Unsupported)
            {
                continue;
            }

            var symbol = step.Action switch
            {
                PlanAction.Create => "  +",
                PlanAction.Update => "  ~",
                PlanAction.Replace => "-/+",
                PlanAction.Delete => "  -",
                PlanAction.NoOp => "  =",
                _ => "  !",
            };
            var id = step.AwsId is null ? string.Empty : $" ({step.AwsId})";
            var risk = step.DataAtRisk ? " [DATA AT RISK]" : string.Empty;
            if (step.Action == PlanAction.Orphan && step.Reason.StartsWith("kept: ", StringComparison.Ordinal))
            {
                // What a deletion policy keeps (a shared zone, what a retained database needs) is not a problem to fix.
                text.AppendLine($"  = {step.LogicalId}{id}: {step.Reason}");
                continue;
            }

            text.AppendLine($"{symbol} {step.LogicalId}{id}: {Verb(step.Action)}{risk}: {step.Reason}");
            if (step.Action == PlanAction.Create && step.Desired is not null)
            {
                foreach (var (field, value) in step.Desired.Properties)
                {
                    text.AppendLine($"        {field}: {value.Display}");
                }
            }

            foreach (var change in step.Changes)
            {
                var forces = change.ForcesReplacement ? " (forces replacement)" : string.Empty;
                if (change.Added is not null || change.Removed is not null)
                {
                    text.AppendLine($"        {change.Path}:{forces}");
                    foreach (var added in change.Added ?? [])
                    {
                        text.AppendLine($"          + {added}");
                    }

                    foreach (var removed in change.Removed ?? [])
                    {
                        text.AppendLine($"          - {removed}");
                    }
                }
                else
                {
                    text.AppendLine($"        {change.Path}: {change.Actual ?? "(none)"} -> {change.Desired ?? "(none)"}{forces}");
                }
            }
        }

        var unsupported = plan.Steps.Where(s => s.Action == PlanAction.Unsupported).Select(s => s.Kind.Name).Distinct().ToList();
        if (unsupported.Count > 0)
        {
            text.AppendLine($"  . not managed by this build yet (left alone): {string.Join(", ", unsupported)}");
        }

        text.AppendLine($"Plan for {plan.Environment}: {plan.Summary}.");
        return text.ToString();
    }

    private static string Verb(PlanAction action) => action switch
    {
        PlanAction.NoOp => "in sync",
        PlanAction.BlockedByDependency => "blocked by dependency",
        _ => action.ToString().ToLowerInvariant(),
    };

    public static object Model(Plan plan, string file) => new
    {
        environment = plan.Environment,
        file,
        hasChanges = plan.HasChanges,
        summary = new
        {
            create = plan.Count(PlanAction.Create),
            update = plan.Count(PlanAction.Update),
            replace = plan.Count(PlanAction.Replace),
            delete = plan.Count(PlanAction.Delete),
            inSync = plan.Count(PlanAction.NoOp),
            orphaned = plan.Count(PlanAction.Orphan),
            conflict = plan.Count(PlanAction.Conflict),
            blocked = plan.Count(PlanAction.Blocked),
            blockedByDependency = plan.Count(PlanAction.BlockedByDependency),
            unsupported = plan.Count(PlanAction.Unsupported),
        },
        steps = plan.Steps.Select(s => new
        {
            action = s.Action == PlanAction.BlockedByDependency ? "blockedByDependency" : s.Action.ToString().ToLowerInvariant(),
            logicalId = s.LogicalId,
            kind = s.Kind.Name,
            awsId = s.AwsId,
            risk = s.Risk,
            dataAtRisk = s.DataAtRisk,
            reason = s.Reason,
            changes = s.Changes.Select(c => new { path = c.Path, desired = c.Desired, actual = c.Actual, forcesReplacement = c.ForcesReplacement, added = c.Added, removed = c.Removed }),
        }),
    };

    public static string JsonText(IEnumerable<object> models) => JsonSerializer.Serialize(models, Json);
}
