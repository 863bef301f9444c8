using System.Collections.Immutable;
using Reconciler.Model.Graph;

namespace Reconciler.Model.Tests.Graph;

public sealed class DesiredResourceTests
{
    private static DesiredResource Subnet(string name) => new(ResourceKinds.Subnet, name,
        ImmutableSortedDictionary<string, FieldValue>.Empty, [], ImmutableSortedDictionary<string, string>.Empty);

    [Fact]
    public void LogicalId_Should_FollowTheKindAndName_When_EitherIsChangedByWith()
    {
        var subnet = Subnet("public-a");

        var renamed = subnet with { Name = "public-b" };
        var rekinded = subnet with { Kind = ResourceKinds.SecurityGroup };

        Assert.Equal("subnet/public-a", subnet.LogicalId);
        Assert.Equal("subnet/public-b", renamed.LogicalId);
        Assert.Equal($"{ResourceKinds.SecurityGroup.Name}/public-a", rekinded.LogicalId);
    }

    [Fact]
    public void Equals_Should_HoldForEqualResources_When_OneWasRenamedBack()
    {
        var subnet = Subnet("public-a");

        Assert.Equal(subnet, subnet with { Name = "x" } with { Name = "public-a" });
        Assert.NotEqual(subnet, subnet with { Name = "x" });
    }
}
