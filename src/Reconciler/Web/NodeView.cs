namespace Reconciler.Web;

/// <summary>
/// One resource of an environment as the dashboard shows it: its state after the last pass and why
/// (<see cref="Detail"/>: the wait, the error or the plan's reason), the resources it depends on, and its fields.
/// </summary>
internal sealed record NodeView(
    string LogicalId,
    string Kind,
    int Rank,
    string? AwsId,
    NodeState State,
    string? Detail,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<FieldView> Fields);
