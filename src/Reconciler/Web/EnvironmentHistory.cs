using Reconciler.Model.Planning;

namespace Reconciler.Web;

/// <summary>
/// What the dashboard keeps of one environment: its resources as the last pass that planned left them, the plan the
/// spec in force makes against that pass's observation, when that was, when the next pass is due, and the last passes
/// and drift events (newest first).
/// </summary>
internal sealed record EnvironmentHistory(
    string Environment,
    IReadOnlyList<NodeView> Nodes,
    Plan? Plan,
    DateTimeOffset? ObservedAt,
    DateTimeOffset? NextPassAt,
    IReadOnlyList<PassEntry> Passes,
    IReadOnlyList<DriftEvent> Drift);
