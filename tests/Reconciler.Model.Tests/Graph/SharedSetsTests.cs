using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Loading;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Graph;

/// <summary>
/// Dependencies shared between environments (issue 14, fourth round): equal sets of logical ids are one instance, and
/// two environments' graphs of one topology hold the same dependency sets and logical id strings.
/// </summary>
public sealed class SharedSetsTests
{
    [Fact]
    public void Share_Should_ReturnTheSetSharedBefore_When_AnEqualSetIsShared()
    {
        // The cache is lossy, and tests in parallel share it: one of three tries in a row is enough to show the sharing.
        var tries = Enumerable.Range(0, 3).Select(_ => (
            First: SharedSets.Share(ImmutableSortedSet.Create(StringComparer.Ordinal, "vpc/main", "subnet/shared-sets-a")),
            Second: SharedSets.Share(ImmutableSortedSet.Create(StringComparer.Ordinal, "subnet/shared-sets-a", "vpc/main")))).ToList();
        var other = SharedSets.Share(ImmutableSortedSet.Create(StringComparer.Ordinal, "vpc/main", "subnet/shared-sets-b"));

        Assert.Contains(tries, t => ReferenceEquals(t.First, t.Second));
        Assert.All(tries, t => Assert.NotSame(t.First, other));
        Assert.Equal(["subnet/shared-sets-b", "vpc/main"], other);
    }

    [Fact]
    public void Share_Should_KeepTheSet_When_ItsOrderIsNotOrdinal()
    {
        var ignoringCase = ImmutableSortedSet.Create(StringComparer.OrdinalIgnoreCase, "a", "B");

        Assert.Same(ignoringCase, SharedSets.Share(ignoringCase));
        Assert.Empty(SharedSets.Share(ImmutableSortedSet.Create<string>(StringComparer.Ordinal)));
    }

    [Fact]
    public void Build_Should_ShareDependenciesAndLogicalIds_When_TwoEnvironmentsHaveOneTopology()
    {
        var one = Graph(Load(Mutate("name: test", "name: shared-one")));
        var two = Graph(Load(Mutate("name: test", "name: shared-two")));

        Assert.Equal(one.Resources.Count, two.Resources.Count);
        var pairs = one.Resources.Zip(two.Resources).ToList();
        Assert.All(pairs, p => Assert.Equal(p.First.LogicalId, p.Second.LogicalId));
        Assert.All(pairs, p => Assert.Equal(p.First.DependsOn, p.Second.DependsOn));
        // The caches are lossy (a slot taken by another value between the two builds, as tests in parallel may): most,
        // not necessarily all, are one instance.
        Assert.True(pairs.Count(p => ReferenceEquals(p.First.DependsOn, p.Second.DependsOn)) >= pairs.Count * 0.8);
        Assert.True(pairs.Count(p => ReferenceEquals(p.First.LogicalId, p.Second.LogicalId)) >= pairs.Count * 0.8);

        // The dependencies are what the references say: sharing changed none.
        Assert.Contains("vpc/main", one.Find("subnet/public-a")!.DependsOn);
    }

    private static ResourceGraph Graph(LoadedSpec spec)
    {
        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        var (graph, errors) = GraphBuilder.Build(spec.Document!);
        Assert.Empty(errors);
        return graph!;
    }
}
