using Amazon.EC2.Model;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Kinds.SecurityGroups;

[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SecurityGroupProviderTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static string Spec(string env, bool withGroup) => TestSpecs.Small(env, """
        network:
          cidr: 10.7.0.0/16
          subnets:
            - { name: private-a, zone: ap-northeast-1a, cidr: 10.7.10.0/24 }
        """ + (withGroup ? """

        securityGroups:
          - name: web
            description: HTTPS in
            ingress:
              - { protocol: tcp, port: 443, cidr: 0.0.0.0/0 }
        """ : string.Empty));

    /// <summary>
    /// A group name is unique in its VPC (CreateSecurityGroup answers InvalidGroup.Duplicate, CreateSecurityGroup API
    /// reference, Errors): a group made by hand under the name the spec wants blocks the create. The failure names the
    /// hand-made group's id and the two ways out (rename, or import by tagging), never "check the spec fields", and the
    /// hand-made group is left exactly as it was.
    /// </summary>
    [Fact]
    public async Task CreateAsync_Should_NameTheUntaggedGroupAndSayRenameOrImport_When_ItsNameIsTakenByHand()
    {
        var env = TestSpecs.UniqueName("sgtaken");
        var network = TestSpecs.Load(Spec(env, withGroup: false)).Graph;
        Assert.True((await _h.Engine.ApplyAsync(network, new PlanOptions(Prune: true), CancellationToken.None)).Converged);
        var vpc = Assert.Single((await _h.Engine.ObserveAsync(EngineHarness.Region, [network], CancellationToken.None)).Resources, r => r.Kind == ResourceKinds.Vpc).AwsId;
        var graph = TestSpecs.Load(Spec(env, withGroup: true)).Graph;
        var name = graph.Find("security-group/web")!.Get("name")!;
        var byHand = (await _h.Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = name, Description = "made by hand", VpcId = vpc })).GroupId;
        var before = await Group(byHand);

        var applied = await _h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);

        Assert.False(applied.Converged);
        var failure = Assert.Single(applied.Failed, f => f.Step.LogicalId == "security-group/web");
        Assert.Contains($"the security group name {name} in {vpc} is taken by an untagged resource ({byHand})", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Rename this resource in the spec, or import the existing one by adding the tags", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"reconciler:environment={env} and reconciler:logical-id=security-group/web", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("check the spec fields", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.Terminal);
        var after = await Group(byHand);
        Assert.Equal(before.Description, after.Description);
        Assert.Empty(after.Tags ?? []);
        Assert.Equal(Rules(before.IpPermissions), Rules(after.IpPermissions));
        Assert.Equal(Rules(before.IpPermissionsEgress), Rules(after.IpPermissionsEgress));
        Assert.Empty(after.IpPermissions ?? []); // the spec's 443 rule never reached it
    }

    private static string[] Rules(IEnumerable<IpPermission>? permissions) =>
        [.. SecurityGroupProvider.Rules(permissions).Select(r => r.Display).Order(StringComparer.Ordinal)];

    private async Task<SecurityGroup> Group(string id) =>
        Assert.Single((await _h.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [id] })).SecurityGroups);
}
