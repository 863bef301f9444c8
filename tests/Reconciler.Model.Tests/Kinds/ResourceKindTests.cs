using Reconciler.Model.Graph;
using Reconciler.Model.Loading;

namespace Reconciler.Model.Tests.Kinds;

/// <summary>The kinds defined in their folders keep what the old catalogue said, and document what their expansions write.</summary>
public sealed class ResourceKindTests
{
    [Theory]
    [InlineData("db-subnet-group", 30, "name", false, false)]
    [InlineData("db-instance", 50, "databaseName,engine,identifier,masterUsername,storageEncrypted,subnetGroup", true, false)]
    [InlineData("instance", 50, "image,instanceProfile,keyName,subnet,userData", false, false)]
    [InlineData("s3-bucket", 5, "name", true, false)]
    [InlineData("ecr-repository", 5, "name", true, false)]
    [InlineData("log-group", 5, "name", false, false)]
    [InlineData("iam-role", 5, "", false, true)]
    [InlineData("execution-role", 6, "name", false, false)]
    [InlineData("instance-profile", 6, "", false, true)]
    [InlineData("role-policy", 55, "name,role", false, false)]
    public void Define_Should_KeepRankReplacementAndFlags_When_AKindIsDeclaredInItsFolder(string name, int rank, string replaceOn, bool stateful, bool shared)
    {
        var kind = ResourceKinds.Find(name);

        Assert.NotNull(kind);
        Assert.Equal((rank, stateful, shared), (kind.Rank, kind.Stateful, kind.Shared));
        Assert.Equal(replaceOn.Split(',', StringSplitOptions.RemoveEmptyEntries), kind.ReplaceOn.Order(StringComparer.Ordinal));
        Assert.NotEmpty(kind.Summary);
    }

    [Fact]
    public void Fields_Should_DocumentEveryPropertyTheExpansionWrites_When_TheSampleIsBuilt()
    {
        ResourceKind[] kinds =
        [
            DbSubnetGroupKind.Kind, DbInstanceKind.Kind, InstanceKind.Kind, BucketKind.Kind, EcrRepositoryKind.Kind, LogGroupKind.Kind,
            ExecutionRoleKind.Kind, InstanceProfileKind.Kind, RolePolicyKind.Kind,
        ];
        var spec = SpecLoader.LoadFile(TestSpecs.SamplePath);
        var (graph, errors) = GraphBuilder.Build(spec.Document!);
        Assert.Empty(errors);

        var written = graph!.Resources.Where(r => kinds.Contains(r.Kind)).ToList();

        Assert.Equal(kinds.Select(k => k.Name).Order(StringComparer.Ordinal), written.Select(r => r.Kind.Name).Distinct().Order(StringComparer.Ordinal));
        Assert.All(written, r => Assert.Subset(r.Kind.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal), r.Properties.Keys.ToHashSet(StringComparer.Ordinal)));
    }
}
