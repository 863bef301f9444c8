namespace Reconciler.Model.Kinds;

internal sealed record ClusterSpec(string Name, string Capacity);
