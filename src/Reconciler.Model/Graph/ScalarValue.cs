namespace Reconciler.Model.Graph;

internal sealed record ScalarValue(string Value) : FieldValue
{
    public override string Display => Value;

    // A value without a reference resolves to itself: no copy (most values hold none, and every plan resolves them all).
    public override FieldValue Resolve(Func<string, string?> resolve) => References.MayHold(Value) ? new ScalarValue(References.Substitute(Value, resolve)) : this;

    public override IEnumerable<string> ReferencedIds() => References.Find(Value);
}
