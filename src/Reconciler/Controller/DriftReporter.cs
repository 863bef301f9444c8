using Microsoft.Extensions.Logging;
using Reconciler.Engine;
using Reconciler.Model.Planning;

namespace Reconciler.Controller;

/// <summary>
/// Turns a plan into drift records, one per field, and logs each as one structured event. A missing resource is a
/// drift of its whole self (field "*"); an owned resource gone from the spec is one too.
/// </summary>
internal static partial class DriftReporter
{
    public static IReadOnlyList<DriftRecord> Records(Plan plan, Func<PlanStep, string> action)
    {
        var records = new List<DriftRecord>();
        foreach (var step in plan.Steps)
        {
            switch (step.Action)
            {
                case PlanAction.Update or PlanAction.Replace or PlanAction.Blocked when step.Changes.Count > 0:
                    records.AddRange(step.Changes.Select(c => new DriftRecord(plan.Environment, step.LogicalId, step.AwsId, c.Path, c.Desired, c.Actual, action(step))));
                    break;
                case PlanAction.Create:
                    records.Add(new DriftRecord(plan.Environment, step.LogicalId, null, "*", "present", "absent", action(step)));
                    break;
                case PlanAction.Delete or PlanAction.Orphan:
                    records.Add(new DriftRecord(plan.Environment, step.LogicalId, step.AwsId, "*", "absent", "present", action(step)));
                    break;
            }
        }

        return records;
    }

    /// <summary>What happened to each step of an apply: repaired, failed, waiting or skipped.</summary>
    public static Func<PlanStep, string> ActionsOf(ApplyResult result)
    {
        var outcomes = result.Steps.GroupBy(s => s.Step.LogicalId).ToDictionary(g => g.Key, g => g.First().Outcome, StringComparer.Ordinal);
        return step => step.Action switch
        {
            PlanAction.Blocked or PlanAction.Conflict => "blocked",
            PlanAction.Orphan => "reported",
            _ => outcomes.TryGetValue(step.LogicalId, out var outcome)
                ? outcome switch
                {
                    StepOutcome.Succeeded => "repaired",
                    StepOutcome.Failed => "failed",
                    StepOutcome.Waiting => "waiting",
                    _ => "skipped",
                }
                : "pending",
        };
    }

    public static void Log(ILogger logger, IEnumerable<DriftRecord> records)
    {
        foreach (var r in records)
        {
            LogDrift(logger, r.Environment, r.LogicalId, r.AwsId, r.Field, r.Desired, r.Actual, r.Action);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Drift in {Environment} {LogicalId} ({AwsId}) {Field}: desired {Desired}, actual {Actual}: {DriftAction}")]
    private static partial void LogDrift(ILogger logger, string environment, string logicalId, string? awsId, string field, string? desired, string? actual, string driftAction);
}
