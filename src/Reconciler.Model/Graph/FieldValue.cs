namespace Reconciler.Model.Graph;

/// <summary>
/// A desired or observed value of one field: a scalar or a set. Values may hold references to other resources as
/// <c>${kind/name}</c> (the other resource's AWS id) or <c>${kind/name#attribute}</c>; see <see cref="References"/>.
/// </summary>
internal abstract record FieldValue
{
    /// <summary>Shown in plans.</summary>
    public abstract string Display { get; }

    public static FieldValue Of(string value) => new ScalarValue(value);

    public static FieldValue Of(bool value) => new ScalarValue(value ? "true" : "false");

    public static FieldValue Of(int value) => new ScalarValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static FieldValue SetOf(IEnumerable<string> items) => new SetValue(items);

    /// <summary>Replaces references with what <paramref name="resolve"/> gives; unresolvable ones with <see cref="References.Unknown"/>.</summary>
    public abstract FieldValue Resolve(Func<string, string?> resolve);

    public abstract IEnumerable<string> ReferencedIds();
}
