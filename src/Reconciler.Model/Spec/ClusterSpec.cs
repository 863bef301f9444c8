namespace Reconciler.Model.Spec;

internal sealed record ClusterSpec(string Name, string Capacity);
