using Reconciler.Model.Graph;

namespace Reconciler.Model.Planning;

/// <summary>
/// An observed resource whose values equal the desired ones holds the desired instances instead of its own (issue 14,
/// fourth round). The controller keeps every observed resource of a region between two resyncs (the shared
/// observation's snapshot), and a converged resource's tags (the environment, the logical id, the Name tag, the spec's
/// tags), its environment and logical id, and its properties that hold no reference are equal to what the graph holds
/// already: as read from AWS they were a second copy of each, per resource. Only equal values are replaced, by value
/// equality that leaves nothing observable different (same strings, same items in the same order), so a plan, a diff
/// and the dashboard see the same values as before.
/// </summary>
internal static class DesiredSharing
{
    /// <summary><paramref name="observed"/> with the values it shares with <paramref name="desired"/> (its own logical id's resource).</summary>
    public static ObservedResource Share(ObservedResource observed, DesiredResource desired, string environment)
    {
        var tags = observed.Tags.Equals(desired.Tags) ? desired.Tags : observed.Tags.SelectValues((key, value) => SameString(value, desired.Tags, key));
        var properties = SharedProperties(observed.Properties, desired.Properties);
        var logicalId = string.Equals(observed.LogicalId, desired.LogicalId, StringComparison.Ordinal) ? desired.LogicalId : observed.LogicalId;
        var env = string.Equals(observed.Environment, environment, StringComparison.Ordinal) ? environment : observed.Environment;
        return ReferenceEquals(tags, observed.Tags) && ReferenceEquals(properties, observed.Properties) &&
               ReferenceEquals(logicalId, observed.LogicalId) && ReferenceEquals(env, observed.Environment)
            ? observed
            : observed with { Tags = tags, Properties = properties, LogicalId = logicalId, Environment = env };
    }

    /// <summary>
    /// Every resource of <paramref name="observed"/> that one of <paramref name="graphs"/> wants (same environment, same
    /// logical id) shares its equal values with it; the others are kept as they are.
    /// </summary>
    public static IReadOnlyList<ObservedResource> Share(IReadOnlyList<ObservedResource> observed, IEnumerable<ResourceGraph> graphs)
    {
        var wanted = new Dictionary<string, (string Environment, Dictionary<string, DesiredResource> ById)>(StringComparer.Ordinal);
        foreach (var graph in graphs)
        {
            var byId = new Dictionary<string, DesiredResource>(graph.Resources.Count, StringComparer.Ordinal);
            foreach (var resource in graph.Resources)
            {
                byId.TryAdd(resource.LogicalId, resource);
            }

            wanted.TryAdd(graph.Environment, (graph.Environment, byId));
        }

        var shared = new ObservedResource[observed.Count];
        for (var i = 0; i < observed.Count; i++)
        {
            var resource = observed[i];
            shared[i] = wanted.TryGetValue(resource.Environment, out var graph) && graph.ById.TryGetValue(resource.LogicalId, out var desired)
                ? Share(resource, desired, graph.Environment)
                : resource;
        }

        return shared;
    }

    private static string SameString(string value, SortedMap<string> desired, string key) =>
        desired.TryGetValue(key, out var want) && string.Equals(want, value, StringComparison.Ordinal) ? want : value;

    private static SortedMap<FieldValue> SharedProperties(SortedMap<FieldValue> observed, SortedMap<FieldValue> desired)
    {
        var shared = observed.SelectValues((key, value) => desired.TryGetValue(key, out var want) && SharedValues.Same(want, value) ? want : value);
        // Every value is the desired one and the keys are the same: the desired map itself (a resource without references).
        return shared.Count == desired.Count && shared.Equals(desired) && shared.Zip(desired).All(p => ReferenceEquals(p.First.Value, p.Second.Value)) ? desired : shared;
    }
}
