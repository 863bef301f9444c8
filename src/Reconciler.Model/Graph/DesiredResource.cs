using System.Collections.Immutable;

namespace Reconciler.Model.Graph;

/// <summary>
/// One resource the spec asks for. <see cref="Properties"/> are the fields the spec controls, in the canonical
/// form the providers also observe them in. <see cref="Tags"/> are compared key by key: keys set by others are left.
/// <see cref="IgnoredFields"/> are property paths owned by someone else (an autoscaler's desired count, an image tag
/// set by CI): never diffed on an existing resource, still used when the resource is created. A <c>*</c> segment
/// matches any one segment (<c>containers.*.image</c>). <see cref="Instructions"/> tell the provider how to act and are
/// not state of the resource: never observed, never diffed (an ECS service's one-off tasks before a deployment), typed
/// records in their order, read with <c>Instructions.OfType&lt;T&gt;()</c>.
/// </summary>
internal sealed record DesiredResource(
    ResourceKind Kind,
    string Name,
    SortedMap<FieldValue> Properties,
    ImmutableSortedSet<string> DependsOn,
    SortedMap<string> Tags,
    bool AllowReplacement = false)
{
    /// <summary>The kind; setting it (in a <c>with</c>) sets <see cref="LogicalId"/> again.</summary>
    public ResourceKind Kind
    {
        get;
        init
        {
            field = value;
            LogicalId = Id(value, Name);
        }
    }

    = Kind;

    /// <summary>The name within the kind; setting it (in a <c>with</c>) sets <see cref="LogicalId"/> again.</summary>
    public string Name
    {
        get;
        init
        {
            field = value;
            LogicalId = Id(Kind, value);
        }
    }

    = Name;

    /// <summary>
    /// <c>kind/name</c>, made once: the planner, the engine and the ownership tag read it many times per pass (issue 14:
    /// building it on every read was a share of a plan's allocations). A function of <see cref="Kind"/> and <see cref="Name"/>.
    /// </summary>
    // Declared after Kind and Name: initializers run in this order (and assign the backing fields, not through init).
    public string LogicalId { get; private init; } = Id(Kind, Name);

    public ImmutableSortedSet<string> IgnoredFields { get; init; } = ImmutableSortedSet<string>.Empty;

    public ImmutableList<GraphItem> Instructions { get; init; } = [];

    /// <summary>Whether <paramref name="path"/> is one of <see cref="IgnoredFields"/>, a <c>*</c> matching one segment.</summary>
    public bool Ignores(string path) => IgnoredFields.Count > 0 && IgnoredFields.Any(pattern => FieldPattern.Matches(pattern, path));

    public string? Get(string field) => Properties.TryGetValue(field, out var value) && value is ScalarValue s ? s.Value : null;

    public IReadOnlyCollection<string> SetOf(string field) =>
        Properties.TryGetValue(field, out var value) && value is SetValue s ? s.Items : [];

    private static string Id(ResourceKind? kind, string? name) => kind is null || name is null ? string.Empty : GraphContext.LogicalId(kind, name);

    public T? Item<T>(string field)
        where T : GraphItem => FieldValue.ItemIn<T>(Properties, field);

    public IReadOnlyList<T> Items<T>(string field)
        where T : GraphItem => FieldValue.ItemsIn<T>(Properties, field);
}
