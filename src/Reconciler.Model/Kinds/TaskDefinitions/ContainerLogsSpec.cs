namespace Reconciler.Model.Kinds;

internal sealed record ContainerLogsSpec(string Group, string StreamPrefix);
