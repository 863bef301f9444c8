using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Model.Tests.Graph;

public sealed class ItemValueTests
{
    [Fact]
    public void Equals_Should_CompareItemsAsASetOfRecords_When_OrderDiffers()
    {
        var a = FieldValue.ItemsOf([new Hop("10.0.0.0/16", "local"), new Hop("0.0.0.0/0", "igw-1")]);
        var b = FieldValue.ItemsOf([new Hop("0.0.0.0/0", "igw-1"), new Hop("10.0.0.0/16", "local")]);
        var c = FieldValue.ItemsOf([new Hop("0.0.0.0/0", "igw-2")]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal("[0.0.0.0/0->igw-1, 10.0.0.0/16->local]", a.Display);
    }

    [Fact]
    public void Resolve_Should_ReplaceReferencesInsideTheRecord_When_TheTargetIsKnown()
    {
        var value = FieldValue.ItemsOf([new Hop("0.0.0.0/0", References.To("internet-gateway/main"))]);

        Assert.Equal(["internet-gateway/main"], value.ReferencedIds());
        var resolved = (ItemSetValue)value.Resolve(id => id == "internet-gateway/main" ? "igw-9" : null);
        Assert.Equal(new Hop("0.0.0.0/0", "igw-9"), Assert.Single(resolved.Of<Hop>()));

        var unknown = (ItemSetValue)value.Resolve(_ => null);
        Assert.True(Assert.Single(unknown.Of<Hop>()).IsUnresolved);
    }

    [Fact]
    public void Diff_Should_ListAddedAndRemovedItems_When_ASetOfRecordsChanged()
    {
        var kind = ResourceKind.Define("hop-table", 1, "test", [new KindField("hops", "test")]);
        var desired = new DesiredResource(kind, "t", ImmutableSortedDictionary<string, FieldValue>.Empty.WithComparers(StringComparer.Ordinal)
            .Add("hops", FieldValue.ItemsOf([new Hop("0.0.0.0/0", "igw-1"), new Hop("10.1.0.0/16", "pcx-1")])),
            ImmutableSortedSet<string>.Empty, ImmutableSortedDictionary<string, string>.Empty);
        var observed = new ObservedResource(kind, "hop-table/t", "env", "rtb-1",
            ImmutableSortedDictionary<string, FieldValue>.Empty.WithComparers(StringComparer.Ordinal).Add("hops", FieldValue.ItemsOf([new Hop("0.0.0.0/0", "igw-1"), new Hop("10.2.0.0/16", "pcx-2")])),
            ImmutableSortedDictionary<string, string>.Empty, ImmutableSortedDictionary<string, string>.Empty);

        var change = Assert.Single(Planner.Diff(desired, observed, _ => null));

        Assert.Equal("hops", change.Path);
        Assert.Equal(["10.1.0.0/16->pcx-1"], change.Added);
        Assert.Equal(["10.2.0.0/16->pcx-2"], change.Removed);
        Assert.Equal([new Hop("0.0.0.0/0", "igw-1"), new Hop("10.2.0.0/16", "pcx-2")], observed.Items<Hop>("hops"));
    }

    private sealed record Hop(string Destination, string Target) : GraphItem
    {
        public override string Display => $"{Destination}->{Target}";

        public override GraphItem Resolve(Func<string, string?> resolve) => this with { Target = Sub(Target, resolve) };

        public override IEnumerable<string> ReferencedIds() => Refs(Target);
    }
}
