using Reconciler.Model.Graph;

namespace Reconciler.Model.Planning;

/// <summary>
/// A live resource found through its ownership tags. <see cref="Properties"/> use the same canonical form as
/// <see cref="DesiredResource.Properties"/>; <see cref="Attributes"/> hold what other resources refer to (arn, dnsName).
/// </summary>
internal sealed record ObservedResource(
    ResourceKind Kind,
    string LogicalId,
    string Environment,
    string AwsId,
    SortedMap<FieldValue> Properties,
    SortedMap<string> Tags,
    SortedMap<string> Attributes)
{
    /// <summary>
    /// An attribute a provider sets on a resource its deletion policy keeps (a shared hosted zone that still holds other
    /// owners' records): its value says why. The planner never deletes such a resource; it reports it as kept.
    /// </summary>
    public const string KeptAttribute = "kept";

    /// <summary>Set by the provider when it observes: whether dependents can use the resource now (see <see cref="Planning.Readiness"/>).</summary>
    public Readiness Readiness { get; init; } = Readiness.Ready;

    public string? Get(string field) => Properties.TryGetValue(field, out var value) && value is ScalarValue s ? s.Value : null;

    public IReadOnlyCollection<string> SetOf(string field) =>
        Properties.TryGetValue(field, out var value) && value is SetValue s ? s.Items : [];

    public T? Item<T>(string field)
        where T : GraphItem => FieldValue.ItemIn<T>(Properties, field);

    public IReadOnlyList<T> Items<T>(string field)
        where T : GraphItem => FieldValue.ItemsIn<T>(Properties, field);
}
