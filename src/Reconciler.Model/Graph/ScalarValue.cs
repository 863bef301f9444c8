namespace Reconciler.Model.Graph;

internal sealed record ScalarValue(string Value) : FieldValue
{
    public override string Display => Value;

    public override FieldValue Resolve(Func<string, string?> resolve) => new ScalarValue(References.Substitute(Value, resolve));

    public override IEnumerable<string> ReferencedIds() => References.Find(Value);
}
