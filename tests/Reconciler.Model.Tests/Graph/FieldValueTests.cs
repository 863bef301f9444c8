using Reconciler.Model.Graph;

namespace Reconciler.Model.Tests.Graph;

public sealed class FieldValueTests
{
    [Fact]
    public void Equals_Should_IgnoreOrderAndDuplicates_When_TwoSetsHoldTheSameItems()
    {
        FieldValue a = FieldValue.SetOf(["b", "a", "c"]);
        FieldValue b = FieldValue.SetOf(["c", "a", "b", "a"]);

        Assert.Equal(a, b);
        Assert.True(Equals(a, b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("[a, b, c]", a.Display);
    }

    [Fact]
    public void Equals_Should_BeFalse_When_SetsDifferOrAScalarIsComparedWithASet()
    {
        Assert.NotEqual(FieldValue.SetOf(["a", "b"]), FieldValue.SetOf(["a"]));
        Assert.NotEqual(FieldValue.SetOf(["a"]), FieldValue.Of("a"));
        Assert.NotEqual(FieldValue.Of("a"), FieldValue.SetOf(["a"]));
        Assert.Equal(FieldValue.Of("a"), FieldValue.Of("a"));
    }

    [Fact]
    public void Of_Should_WriteInvariantText_When_GivenBooleansAndNumbers()
    {
        Assert.Equal(new ScalarValue("true"), FieldValue.Of(true));
        Assert.Equal(new ScalarValue("false"), FieldValue.Of(false));
        Assert.Equal(new ScalarValue("-1500"), FieldValue.Of(-1500));
    }

    [Fact]
    public void Resolve_Should_SubstituteEachItem_When_ASetHoldsReferences()
    {
        var set = FieldValue.SetOf(["${subnet/a}", "${subnet/b}", "fixed"]);

        var resolved = set.Resolve(key => key == "subnet/a" ? "subnet-1" : null);

        Assert.Equal(["subnet/a", "subnet/b"], set.ReferencedIds().Order());
        Assert.Equal(FieldValue.SetOf(["subnet-1", References.Unknown, "fixed"]), resolved);
        Assert.True(References.IsUnknown(resolved));
    }
}
