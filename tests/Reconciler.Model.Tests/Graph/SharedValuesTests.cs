using Reconciler.Model.Graph;
using Reconciler.Model.Kinds;

namespace Reconciler.Model.Tests.Graph;

/// <summary>Equal desired values shared between environments (issue 14, fourth round).</summary>
public sealed class SharedValuesTests
{
    [Fact]
    public void Share_Should_ReturnTheValueSharedBefore_When_AnEqualSetIsShared()
    {
        // The cache is lossy, and tests in parallel share it: one of three tries in a row is enough to show the sharing.
        var tries = Enumerable.Range(0, 3).Select(_ => (
            First: SharedValues.Share(FieldValue.SetOf(["${subnet/shared-values-a}", "${subnet/shared-values-c}"])),
            Second: SharedValues.Share(FieldValue.SetOf(["${subnet/shared-values-c}", "${subnet/shared-values-a}"])))).ToList();
        var other = SharedValues.Share(FieldValue.SetOf(["${subnet/shared-values-a}"]));

        Assert.Contains(tries, t => ReferenceEquals(t.First, t.Second));
        Assert.All(tries, t => Assert.NotSame(t.First, other));
        Assert.Equal("[${subnet/shared-values-a}]", other.Display);
    }

    [Fact]
    public void Share_Should_ReturnTheItemsSharedBefore_When_EqualItemsAreShared()
    {
        static FieldValue Routes() => FieldValue.ItemsOf([new Route("0.0.0.0/0", RouteTarget.Gateway, "${internet-gateway/shared-values}")]);

        var tries = Enumerable.Range(0, 3).Select(_ => (First: SharedValues.Share(Routes()), Second: SharedValues.Share(Routes()))).ToList();

        Assert.Contains(tries, t => ReferenceEquals(t.First, t.Second));
        Assert.All(tries, t => Assert.Equal(Routes().Display, t.Second.Display));
    }

    [Fact]
    public void Same_Should_BeFalse_When_ValuesDifferInTypeOrContent()
    {
        Assert.False(SharedValues.Same(FieldValue.SetOf(["a"]), FieldValue.Of("a")));
        Assert.False(SharedValues.Same(FieldValue.SetOf(["a"]), FieldValue.SetOf(["b"])));
        Assert.True(SharedValues.Same(FieldValue.SetOf(["a", "b"]), FieldValue.SetOf(["b", "a"])));
    }
}
