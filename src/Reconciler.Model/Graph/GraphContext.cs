using System.Collections.Immutable;
using Reconciler.Model.Spec;

namespace Reconciler.Model.Graph;

/// <summary>
/// What a kind's expansion needs to add its desired resources to an environment's graph: the spec, the physical
/// name convention, references to other resources, and <see cref="Add"/>, which derives dependencies from the
/// references and sets the tags (the spec's, then the ownership tags). Each kind's expansion lives in its folder
/// under Kinds/ and is called by <see cref="GraphBuilder"/>.
/// </summary>
internal sealed class GraphContext(EnvironmentDocument doc)
{
    // The spec's awsName overrides by logical id, read once: every expansion that names a resource, its own or one it
    // refers to by name (a host's ECS_CLUSTER), asks Physical(kind, name), so the override cannot be half applied.
    private readonly IReadOnlyDictionary<string, string> _awsNames = AwsNames.Of(doc.Spec);

    // The spec's tags, sorted once: each resource's tags start from them (the keys array is shared by the resources).
    private readonly SortedMap<string> _specTags = doc.Spec.Tags.ToSortedMap();

    public EnvironmentSpec Spec { get; } = doc.Spec;

    public string Environment { get; } = doc.Metadata.Name;

    public List<DesiredResource> Resources { get; } = [];

    /// <summary>The reference to another resource's AWS id.</summary>
    public static string Ref(ResourceKind kind, string name) => References.To($"{kind.Name}/{name}");

    /// <summary>The reference to another resource's attribute (arn, dnsName...).</summary>
    public static string Ref(ResourceKind kind, string name, string attribute) => References.To($"{kind.Name}/{name}", attribute);

    // Shared (issue 14, fourth round): a logical id is the same in every environment, and the graph, its dependencies
    // and the ownership tags hold it once per resource each.
    public static string LogicalId(ResourceKind kind, string name) => Text.SharedStrings.Share($"{kind.Name}/{name}");

    /// <summary>
    /// The AWS name of the <paramref name="kind"/> named <paramref name="name"/> in the spec: its <c>awsName</c> when the
    /// spec gives one (an adopted resource keeps its name), else <c>&lt;environment&gt;-&lt;name&gt;</c>.
    /// </summary>
    public string Physical(ResourceKind kind, string name) =>
        _awsNames.TryGetValue(LogicalId(kind, name), out var awsName) ? awsName : PhysicalNames.For(Environment, name);

    public IEnumerable<string> Refs(ResourceKind kind, IEnumerable<string> names) => names.Select(n => Ref(kind, n));

    public IEnumerable<DesiredResource> OfKind(ResourceKind kind) => Resources.Where(r => r.Kind == kind);

    /// <summary>
    /// Adds a resource. Its dependencies are the references in its properties (unless <paramref name="inferDependencies"/>
    /// is off) plus <paramref name="extraDependencies"/>; its tags the spec's plus, with <paramref name="ownTags"/>, the
    /// ownership tags and the Name tag.
    /// </summary>
    public DesiredResource Add(ResourceKind kind, string name, IEnumerable<(string Key, FieldValue Value)> properties, IEnumerable<string>? extraDependencies = null, bool allowReplacement = false, bool ownTags = true, bool inferDependencies = true)
    {
        // Later values of a key win, as they did in the dictionary builder this replaced.
        // Equal values share one instance across environments (SharedValues).
        var props = SortedMap<FieldValue>.LastWins(properties.Select(p => (p.Key, SharedValues.Share(p.Value))));

        // The resource is made first so that its logical id, built once, is also its tag's value and the self-reference
        // check below (issue 14: plain loops here, not LINQ, since every resource of every graph passes through).
        var resource = new DesiredResource(kind, name, props, ImmutableSortedSet<string>.Empty, SortedMap<string>.Empty, allowReplacement);
        var logicalId = resource.LogicalId;
        var deps = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        if (inferDependencies)
        {
            foreach (var (_, value) in resource.Properties)
            {
                foreach (var id in value.ReferencedIds())
                {
                    deps.Add(id);
                }
            }
        }

        foreach (var id in extraDependencies ?? [])
        {
            deps.Add(id);
        }

        deps.Remove(logicalId);
        var tags = _specTags;
        if (ownTags)
        {
            // An adopted resource (awsName) keeps the Name tag it has: setting ours would rename it in the console.
            var named = !_awsNames.ContainsKey(logicalId);
            var all = new (string Key, string Value)[_specTags.Count + (named ? 3 : 2)];
            var i = 0;
            foreach (var (key, value) in _specTags)
            {
                all[i++] = (key, value);
            }

            all[i++] = (Ownership.EnvironmentTag, Environment);
            all[i++] = (Ownership.LogicalIdTag, logicalId);
            if (named)
            {
                all[i] = (Ownership.NameTag, Ownership.NameTagValue(Environment, name));
            }

            tags = SortedMap<string>.LastWins(all);
        }

        // A resource's dependencies are logical ids, the same in every environment: one set serves them all (SharedSets).
        resource = resource with { DependsOn = SharedSets.Share(deps.ToImmutable()), Tags = tags };
        Resources.Add(resource);
        return resource;
    }

    /// <summary>Adds a resource shared by the environments of the account, used by name: no tags at all.</summary>
    public DesiredResource AddShared(ResourceKind kind, string name, IEnumerable<(string Key, FieldValue Value)> properties) =>
        Replace(Add(kind, name, properties, ownTags: false), r => r with { Tags = SortedMap<string>.Empty });

    /// <summary>
    /// Adds a resource AWS cannot tag (a Route53 record, an inline policy): it is owned through its name or an owner
    /// record, so its "tags" are only the two ownership ones, which the provider writes there.
    /// </summary>
    public DesiredResource AddUntaggable(ResourceKind kind, string name, IEnumerable<(string Key, FieldValue Value)> properties, IEnumerable<string>? extraDependencies = null) =>
        Replace(Add(kind, name, properties, extraDependencies), r => r with
        {
            Tags = r.Tags.Where(t => t.Key is Ownership.EnvironmentTag or Ownership.LogicalIdTag).ToSortedMap(),
        });

    /// <summary>Replaces an added resource by <paramref name="change"/> of it (ignored fields, instructions).</summary>
    public DesiredResource Replace(DesiredResource resource, Func<DesiredResource, DesiredResource> change)
    {
        // By reference, from the end: the resource replaced is almost always the one just added.
        var index = Resources.FindLastIndex(r => ReferenceEquals(r, resource));
        if (index < 0)
        {
            throw new InvalidOperationException($"{resource.LogicalId} is not in the graph");
        }

        Resources[index] = change(resource);
        return Resources[index];
    }
}
