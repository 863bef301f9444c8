namespace Reconciler.Model.Planning;

/// <summary>The steps that take one environment from what is to what the spec says, in dependency order.</summary>
internal sealed record Plan(string Environment, IReadOnlyList<PlanStep> Steps)
{
    public bool HasChanges => Steps.Any(s => s.IsChange);

    public int Count(PlanAction action) => Steps.Count(s => s.Action == action);

    public IEnumerable<PlanStep> Changes => Steps.Where(s => s.IsChange);

    public string Summary =>
        $"{Count(PlanAction.Create)} to create, {Count(PlanAction.Update)} to update, {Count(PlanAction.Replace)} to replace, " +
        $"{Count(PlanAction.Delete)} to delete, {Count(PlanAction.NoOp)} in sync" +
        Extra(PlanAction.Orphan, "orphaned") + Extra(PlanAction.Conflict, "in conflict") +
        Extra(PlanAction.Blocked, "blocked") + Extra(PlanAction.BlockedByDependency, "blocked by a dependency") + Extra(PlanAction.Unsupported, "not managed by this build");

    private string Extra(PlanAction action, string what) => Count(action) is var n and > 0 ? $", {n} {what}" : string.Empty;
}
