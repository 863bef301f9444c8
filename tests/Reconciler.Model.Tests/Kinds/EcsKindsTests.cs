using Reconciler.Model.Graph;
using Reconciler.Model.Loading;

namespace Reconciler.Model.Tests.Kinds;

/// <summary>The three ECS kinds as their folders define them: what forced a replacement before the move still does.</summary>
public sealed class EcsKindsTests
{
    public static TheoryData<string, int, string[]> Kinds => new()
    {
        { "ecs-cluster", 5, ["name"] },
        { "task-definition", 30, ["family"] },
        { "ecs-service", 80, ["cluster", "launchType", "loadBalancer", "name"] },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Define_Should_KeepRankAndReplaceOn_When_TheKindMovedToItsFolder(string name, int rank, string[] replaceOn)
    {
        var kind = ResourceKinds.Find(name)!;

        Assert.Equal(rank, kind.Rank);
        Assert.Equal(replaceOn, kind.ReplaceOn.Order(StringComparer.Ordinal));
        Assert.False(kind.Stateful);
        Assert.False(kind.Shared);
        Assert.NotEmpty(kind.Summary);
        Assert.All(kind.Fields, f => Assert.NotEmpty(f.Description));
    }

    [Fact]
    public void Fields_Should_DocumentEveryPropertyTheExpansionWrites_When_TheSampleIsBuilt()
    {
        var graph = GraphBuilder.Build(SpecLoader.LoadFile(TestSpecs.SamplePath).Document!).Graph!;

        foreach (var resource in graph.Resources.Where(r => r.Kind == ResourceKinds.TaskDefinition || r.Kind == ResourceKinds.EcsService || r.Kind == ResourceKinds.EcsCluster))
        {
            var documented = resource.Kind.Fields.Select(f => f.Name).ToList();
            Assert.All(resource.Properties.Keys, key => Assert.Contains(documented, d => FieldPattern.Matches(d, key)));
        }
    }
}
