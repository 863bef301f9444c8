namespace Reconciler.Web;

/// <summary>One pass of an environment, as the dashboard's history keeps it.</summary>
internal sealed record PassEntry(DateTimeOffset At, string Result, double DurationSeconds, int DriftCount, int Repaired, int Failed, string? Error);
