using Reconciler.Model.Graph;

namespace Reconciler.Model.Planning;

/// <summary>What to do with one resource, and why.</summary>
internal sealed record PlanStep(
    PlanAction Action,
    ResourceKind Kind,
    string LogicalId,
    DesiredResource? Desired,
    ObservedResource? Observed,
    IReadOnlyList<FieldChange> Changes,
    string Reason)
{
    public string? AwsId => Observed?.AwsId;

    public bool IsChange => Action is PlanAction.Create or PlanAction.Update or PlanAction.Replace or PlanAction.Delete;

    /// <summary>Replacing or deleting a resource that holds data.</summary>
    public bool DataAtRisk => Kind.Stateful && Action is PlanAction.Replace or PlanAction.Delete or PlanAction.Blocked;

    /// <summary>safe, replace or delete: how destructive the step is.</summary>
    public string Risk => Action switch
    {
        PlanAction.Replace => "replace",
        PlanAction.Delete => "delete",
        PlanAction.Blocked => "blocked",
        _ => "safe",
    };
}
