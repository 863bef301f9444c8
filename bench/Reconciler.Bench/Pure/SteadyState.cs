using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Bench.Pure;

/// <summary>
/// An observed state in which every desired resource exists exactly as desired: what the providers would report after a
/// converged apply, with every reference resolved to a made-up AWS id or attribute. Planning against it gives no change.
/// </summary>
internal static class SteadyState
{
    public static ObservedState Of(IEnumerable<ResourceGraph> graphs) =>
        new([.. graphs.SelectMany(g => g.Resources.Select(r => Observe(g.Environment, r)))], ResourceKinds.All.ToHashSet());

    public static ObservedState Of(ResourceGraph graph) => Of([graph]);

    /// <summary>
    /// The same observation as the controller's shared snapshot holds it: each resource with maps of its own (a provider
    /// builds them from the AWS answer) and tag values that are strings of their own (the SDK reads them from the
    /// answer); scalar property values stay shared, as <c>FieldValue.Of</c> shares a provider's too.
    /// </summary>
    public static ObservedState AsRead(ObservedState state) =>
        new([.. state.Resources.Select(r => r with
        {
            Properties = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, r.Properties),
            Tags = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, r.Tags.Select(t => KeyValuePair.Create(t.Key, new string(t.Value.AsSpan())))),
        })], state.Kinds);

    private static ObservedResource Observe(string environment, DesiredResource desired)
    {
        var id = AwsId(environment, desired.LogicalId);
        return new ObservedResource(desired.Kind, desired.LogicalId, environment, id,
            Planner.ResolveAll(desired, key => Resolve(environment, key)), desired.Tags, Attributes(id));
    }

    private static string AwsId(string environment, string logicalId) => $"{environment}:{logicalId}";

    private static string? Resolve(string environment, string key)
    {
        var hash = key.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? AwsId(environment, key) : Attributes(AwsId(environment, key[..hash])).GetValueOrDefault(key[(hash + 1)..]);
    }

    private static ImmutableSortedDictionary<string, string> Attributes(string id) => ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
    [
        KeyValuePair.Create("arn", "arn:aws:bench:::" + id),
        KeyValuePair.Create("dnsName", id + ".elb.amazonaws.com"),
        KeyValuePair.Create("name", "name-" + id),
        KeyValuePair.Create("uri", "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/" + id),
    ]);
}
