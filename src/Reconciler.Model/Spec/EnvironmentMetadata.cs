namespace Reconciler.Model.Spec;

internal sealed record EnvironmentMetadata(string Name);
