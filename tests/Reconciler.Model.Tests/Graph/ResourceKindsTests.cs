using Reconciler.Model.Graph;
using Reconciler.Model.Loading;

namespace Reconciler.Model.Tests.Graph;

public sealed class ResourceKindsTests
{
    private static readonly string[] LoadBalancingAndDns = ["load-balancer", "listener", "hosted-zone", "dns-record", "certificate", "target-group"];

    /// <summary>The values each kind had in ResourceKinds before it moved into its folder: ranks order creation and deletion.</summary>
    [Theory]
    [InlineData("hosted-zone", 5, "name", true, true)]
    [InlineData("certificate", 10, "alternativeNames,domain,validation", false, false)]
    [InlineData("load-balancer", 50, "name,scheme", false, false)]
    [InlineData("listener", 60, "loadBalancer,port", false, false)]
    [InlineData("dns-record", 70, "name,type,zone", false, false)]
    public void Find_Should_GiveTheRankFlagsAndReplacementsOfBefore_When_TheKindIsDefinedInItsFolder(string name, int rank, string replaceOn, bool stateful, bool shared)
    {
        var kind = ResourceKinds.Find(name)!;

        Assert.Equal((rank, stateful, shared), (kind.Rank, kind.Stateful, kind.Shared));
        Assert.Equal(replaceOn.Split(','), kind.ReplaceOn.Order(StringComparer.Ordinal));
        Assert.Contains(kind, ResourceKinds.All);
    }

    [Fact]
    public void Fields_Should_DeclareEveryPropertyTheExpansionWrites_When_TheSampleIsBuilt()
    {
        var spec = SpecLoader.LoadFile(TestSpecs.SamplePath);
        var (graph, errors) = GraphBuilder.Build(spec.Document!);
        Assert.Empty(errors);

        var resources = graph!.Resources.Where(r => LoadBalancingAndDns.Contains(r.Kind.Name)).ToList();
        Assert.Equal(LoadBalancingAndDns.Order(StringComparer.Ordinal), resources.Select(r => r.Kind.Name).Distinct().Order(StringComparer.Ordinal));
        Assert.All(resources, r => Assert.Subset(r.Kind.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal), r.Properties.Keys.ToHashSet(StringComparer.Ordinal)));
        Assert.All(resources.SelectMany(r => r.Kind.Fields), f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));
    }
}
