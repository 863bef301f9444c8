namespace Reconciler.Controller;

/// <summary>What the controller knows of one environment, for /status and <c>reconciler status</c>.</summary>
internal sealed record EnvironmentStatus(
    string Environment,
    string Location,
    string Mode,
    string Result,
    DateTimeOffset? LastPass,
    double LastDurationSeconds,
    int DriftCount,
    int Repaired,
    int Failed,
    IReadOnlyList<string> WaitingFor,
    IReadOnlyList<string> Problems,
    DateTimeOffset? NextPass);
