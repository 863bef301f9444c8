using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Observation;
using K = Reconciler.Model.Kinds.VpcKind;
using Reconciler.Providers;
using Reconciler.Providers.Ec2;

namespace Reconciler.Kinds;

/// <summary>The VPC: CIDR (replace), DNS support and DNS hostnames (in place).</summary>
internal sealed class VpcProvider(Ec2Support ec2) : IResourceProvider
{
    /// <summary>DNS support and DNS hostnames of each VPC, as last read (reused only where an observation is not detailed).</summary>
    private readonly DetailMemory<(bool Support, bool Hostnames)> _dns = new();

    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var vpcs = await ec2.Pages("DescribeVpcs",
            (token, c) => ec2.Client.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = Ec2Support.OwnedBy(environments), NextToken = token }, c),
            r => r.Vpcs, r => r.NextToken, ct).ConfigureAwait(false);
        var result = new List<ObservedResource>();
        var owned = vpcs.Where(v => Ec2Support.IsOwnedBy(v.Tags, environments)).ToList();
        _dns.Keep(environments, owned.Select(v => v.VpcId));
        foreach (var vpc in owned)
        {
            // DescribeVpcs does not return the DNS attributes, and no EC2 call returns them for several VPCs: two reads
            // per VPC, one VPC per environment, made when the observation reads the environment in detail (else the
            // values last read; see DetailMemory). Both are spec fields that anyone may change by hand.
            var environment = (vpc.Tags ?? []).FirstOrDefault(t => t.Key == Ownership.EnvironmentTag)?.Value ?? string.Empty;
            var (support, hostnames) = await _dns.GetAsync(vpc.VpcId, environment, async () =>
                (await Attribute(vpc.VpcId, VpcAttributeName.EnableDnsSupport, ct).ConfigureAwait(false),
                 await Attribute(vpc.VpcId, VpcAttributeName.EnableDnsHostnames, ct).ConfigureAwait(false))).ConfigureAwait(false);
            var observed = Ec2Support.Observed(Kind, vpc.VpcId, vpc.Tags,
            [
                (K.Cidr, FieldValue.Of(vpc.CidrBlock)),
                (K.EnableDnsSupport, FieldValue.Of(support)),
                (K.EnableDnsHostnames, FieldValue.Of(hostnames)),
            ]);
            if (observed is not null)
            {
                result.Add(observed);
            }
        }

        return result;
    }

    private async Task<bool> Attribute(string vpcId, VpcAttributeName name, CancellationToken ct)
    {
        var response = await ec2.Read("DescribeVpcAttribute",
            c => ec2.Client.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpcId, Attribute = name }, c), ct).ConfigureAwait(false);
        return name == VpcAttributeName.EnableDnsSupport ? response.EnableDnsSupport ?? false : response.EnableDnsHostnames ?? false;
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var response = await ec2.Create("CreateVpc", c => ec2.Client.CreateVpcAsync(new CreateVpcRequest
        {
            CidrBlock = desired.Get(K.Cidr),
            TagSpecifications = Ec2Support.TagsAtCreation(ResourceType.Vpc, desired.Tags),
        }, c), ct).ConfigureAwait(false);
        var id = response.Vpc.VpcId;
        await SetDns(id, desired, [K.EnableDnsSupport, K.EnableDnsHostnames], ct).ConfigureAwait(false);
        return new CreatedResource(id);
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        _dns.Forget(actual.AwsId);
        await SetDns(actual.AwsId, desired, changes.Select(c => c.Path).ToList(), ct).ConfigureAwait(false);
        await ec2.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    private async Task SetDns(string vpcId, ResolvedResource desired, IReadOnlyCollection<string> fields, CancellationToken ct)
    {
        // ModifyVpcAttribute takes one attribute per call; DNS support must be on before hostnames.
        if (fields.Contains(K.EnableDnsSupport))
        {
            var value = desired.Get(K.EnableDnsSupport) == "true";
            await ec2.Mutate("ModifyVpcAttribute", c => ec2.Client.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpcId, EnableDnsSupport = value }, c), ct).ConfigureAwait(false);
        }

        if (fields.Contains(K.EnableDnsHostnames))
        {
            var value = desired.Get(K.EnableDnsHostnames) == "true";
            await ec2.Mutate("ModifyVpcAttribute", c => ec2.Client.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpcId, EnableDnsHostnames = value }, c), ct).ConfigureAwait(false);
        }
    }

    public Task DeleteAsync(ObservedResource actual, CancellationToken ct) =>
        ec2.DeleteResource("DeleteVpc", "InvalidVpcID.NotFound", c => ec2.Client.DeleteVpcAsync(new DeleteVpcRequest { VpcId = actual.AwsId }, c), ct);
}
