using Reconciler.Model.Text;

namespace Reconciler.Model.Graph;

/// <summary>
/// A desired or observed value of one field: a scalar or a set. Values may hold references to other resources as
/// <c>${kind/name}</c> (the other resource's AWS id) or <c>${kind/name#attribute}</c>; see <see cref="References"/>.
/// </summary>
internal abstract record FieldValue
{
    /// <summary>Shown in plans.</summary>
    public abstract string Display { get; }

    // Scalars are immutable records: equal ones made for many environments share one instance (issue 14).
    private static readonly SharedInstances<ScalarValue> Scalars = new(s => s.Value);
    private static readonly ScalarValue True = new("true");
    private static readonly ScalarValue False = new("false");

    public static FieldValue Of(string value) => Scalars.Share(value, static v => new ScalarValue(SharedStrings.Share(v)));

    public static FieldValue Of(bool value) => value ? True : False;

    public static FieldValue Of(int value) => new ScalarValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static FieldValue SetOf(IEnumerable<string> items) => new SetValue(items);

    public static FieldValue Of(GraphItem item) => new ItemValue(item);

    public static FieldValue ItemsOf(IEnumerable<GraphItem> items) => new ItemSetValue(items);

    /// <summary>The compound value of a field, or null when absent or of another type.</summary>
    public static T? ItemIn<T>(IReadOnlyDictionary<string, FieldValue> properties, string field)
        where T : GraphItem => properties.TryGetValue(field, out var value) && value is ItemValue { Item: T item } ? item : null;

    /// <summary>The compound values of a set field of <typeparamref name="T"/>; empty when absent.</summary>
    public static IReadOnlyList<T> ItemsIn<T>(IReadOnlyDictionary<string, FieldValue> properties, string field)
        where T : GraphItem => properties.TryGetValue(field, out var value) && value is ItemSetValue set ? set.Of<T>() : [];

    /// <summary>Replaces references with what <paramref name="resolve"/> gives; unresolvable ones with <see cref="References.Unknown"/>.</summary>
    public abstract FieldValue Resolve(Func<string, string?> resolve);

    public abstract IEnumerable<string> ReferencedIds();
}
