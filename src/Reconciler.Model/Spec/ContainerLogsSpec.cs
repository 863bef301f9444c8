namespace Reconciler.Model.Spec;

internal sealed record ContainerLogsSpec(string Group, string StreamPrefix);
