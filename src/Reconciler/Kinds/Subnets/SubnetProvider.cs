using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using K = Reconciler.Model.Kinds.SubnetKind;
using Reconciler.Providers;
using Reconciler.Providers.Ec2;

namespace Reconciler.Kinds;

/// <summary>Subnets: VPC, CIDR and zone are fixed at creation; auto-assigned public IPs stay off (in place).</summary>
internal sealed class SubnetProvider(Ec2Support ec2) : IResourceProvider
{
    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var subnets = await ec2.Pages("DescribeSubnets",
            (token, c) => ec2.Client.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = Ec2Support.OwnedBy(environments), NextToken = token }, c),
            r => r.Subnets, r => r.NextToken, ct).ConfigureAwait(false);
        return subnets.Select(s => Ec2Support.Observed(Kind, s.SubnetId, s.Tags,
            [
                (K.Vpc, FieldValue.Of(s.VpcId)),
                (K.Cidr, FieldValue.Of(s.CidrBlock)),
                (K.Zone, FieldValue.Of(s.AvailabilityZone)),
                (K.MapPublicIpOnLaunch, FieldValue.Of(s.MapPublicIpOnLaunch ?? false)),
            ])).OfType<ObservedResource>().ToList();
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var response = await ec2.Create("CreateSubnet", c => ec2.Client.CreateSubnetAsync(new CreateSubnetRequest
        {
            VpcId = desired.Get(K.Vpc),
            CidrBlock = desired.Get(K.Cidr),
            AvailabilityZone = desired.Get(K.Zone),
            TagSpecifications = Ec2Support.TagsAtCreation(ResourceType.Subnet, desired.Tags),
        }, c), ct).ConfigureAwait(false);
        var subnet = response.Subnet;
        if ((subnet.MapPublicIpOnLaunch ?? false) != (desired.Get(K.MapPublicIpOnLaunch) == "true"))
        {
            await SetMapPublicIp(subnet.SubnetId, desired, ct).ConfigureAwait(false);
        }

        return new CreatedResource(subnet.SubnetId);
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => c.Path == K.MapPublicIpOnLaunch))
        {
            await SetMapPublicIp(actual.AwsId, desired, ct).ConfigureAwait(false);
        }

        await ec2.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    private Task SetMapPublicIp(string subnetId, ResolvedResource desired, CancellationToken ct) =>
        ec2.Mutate("ModifySubnetAttribute", c => ec2.Client.ModifySubnetAttributeAsync(new ModifySubnetAttributeRequest
        {
            SubnetId = subnetId,
            MapPublicIpOnLaunch = desired.Get(K.MapPublicIpOnLaunch) == "true",
        }, c), ct);

    public Task DeleteAsync(ObservedResource actual, CancellationToken ct) =>
        ec2.DeleteResource("DeleteSubnet", "InvalidSubnetID.NotFound", c => ec2.Client.DeleteSubnetAsync(new DeleteSubnetRequest { SubnetId = actual.AwsId }, c), ct);
}
