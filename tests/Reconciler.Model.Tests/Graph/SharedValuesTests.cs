using Reconciler.Model.Graph;
using Reconciler.Model.Kinds;

namespace Reconciler.Model.Tests.Graph;

/// <summary>Equal desired values shared between environments (issue 14, fourth round).</summary>
public sealed class SharedValuesTests
{
    [Fact]
    public void Share_Should_ReturnTheValueSharedBefore_When_AnEqualSetIsShared()
    {
        var first = SharedValues.Share(FieldValue.SetOf(["${subnet/shared-values-a}", "${subnet/shared-values-c}"]));
        var second = SharedValues.Share(FieldValue.SetOf(["${subnet/shared-values-c}", "${subnet/shared-values-a}"]));
        var other = SharedValues.Share(FieldValue.SetOf(["${subnet/shared-values-a}"]));

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Equal("[${subnet/shared-values-a}]", other.Display);
    }

    [Fact]
    public void Share_Should_ReturnTheItemsSharedBefore_When_EqualItemsAreShared()
    {
        static FieldValue Routes() => FieldValue.ItemsOf([new Route("0.0.0.0/0", RouteTarget.Gateway, "${internet-gateway/shared-values}")]);

        var first = SharedValues.Share(Routes());
        var second = SharedValues.Share(Routes());

        Assert.Same(first, second);
        Assert.Equal(Routes().Display, second.Display);
    }

    [Fact]
    public void Same_Should_BeFalse_When_ValuesDifferInTypeOrContent()
    {
        Assert.False(SharedValues.Same(FieldValue.SetOf(["a"]), FieldValue.Of("a")));
        Assert.False(SharedValues.Same(FieldValue.SetOf(["a"]), FieldValue.SetOf(["b"])));
        Assert.True(SharedValues.Same(FieldValue.SetOf(["a", "b"]), FieldValue.SetOf(["b", "a"])));
    }
}
