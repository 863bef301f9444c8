using Reconciler.Model.Graph;

namespace Reconciler.Providers;

/// <summary>A desired resource whose references have been replaced by the live ids known at this point of the apply.</summary>
internal sealed record ResolvedResource(DesiredResource Desired, SortedMap<FieldValue> Properties)
{
    public string LogicalId => Desired.LogicalId;

    public IReadOnlyDictionary<string, string> Tags => Desired.Tags;

    /// <summary>A scalar field; an unresolved reference here means a dependency failed or is missing.</summary>
    public string Get(string field)
    {
        if (!Properties.TryGetValue(field, out var value) || value is not ScalarValue scalar)
        {
            throw new InvalidOperationException($"{LogicalId} has no field '{field}'");
        }

        if (scalar.Value.Contains(References.Unknown, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{LogicalId}.{field} refers to a resource that does not exist yet");
        }

        return scalar.Value;
    }

    public string? Find(string field) => Properties.TryGetValue(field, out var value) && value is ScalarValue s ? s.Value : null;

    /// <summary>The elements of a set field that are resolved; unresolved ones are left for the next pass.</summary>
    public IReadOnlyCollection<string> Set(string field) =>
        Properties.TryGetValue(field, out var value) && value is SetValue set
            ? set.Items.Where(i => !i.Contains(References.Unknown, StringComparison.Ordinal)).ToList()
            : [];

    /// <summary>A compound field; an unresolved reference in it means a dependency failed or is missing.</summary>
    public T Item<T>(string field)
        where T : GraphItem
    {
        var item = FieldValue.ItemIn<T>(Properties, field) ?? throw new InvalidOperationException($"{LogicalId} has no field '{field}'");
        return item.IsUnresolved ? throw new InvalidOperationException($"{LogicalId}.{field} refers to a resource that does not exist yet") : item;
    }

    /// <summary>The items of a compound set field that are resolved; unresolved ones are left for the next pass.</summary>
    public IReadOnlyList<T> Items<T>(string field)
        where T : GraphItem => FieldValue.ItemsIn<T>(Properties, field).Where(i => !i.IsUnresolved).ToList();
}
