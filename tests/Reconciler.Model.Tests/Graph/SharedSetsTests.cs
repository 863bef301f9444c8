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
        var first = SharedSets.Share(ImmutableSortedSet.Create(StringComparer.Ordinal, "vpc/main", "subnet/shared-sets-a"));
        var second = SharedSets.Share(ImmutableSortedSet.Create(StringComparer.Ordinal, "subnet/shared-sets-a", "vpc/main"));
        var other = SharedSets.Share(ImmutableSortedSet.Create(StringComparer.Ordinal, "vpc/main", "subnet/shared-sets-b"));

        Assert.Same(first, second);
        Assert.NotSame(first, other);
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
        foreach (var (a, b) in one.Resources.Zip(two.Resources))
        {
            Assert.Equal(a.LogicalId, b.LogicalId);
            Assert.Equal(a.DependsOn, b.DependsOn);
            Assert.Same(a.DependsOn, b.DependsOn);
            Assert.Same(a.LogicalId, b.LogicalId);
        }

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
