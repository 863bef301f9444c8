using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using K = Reconciler.Model.Kinds.ElasticIpKind;
using Reconciler.Providers;
using Reconciler.Providers.Ec2;

namespace Reconciler.Kinds;

/// <summary>Elastic IPs: the NAT gateway's, and one per host when asked (associated with its instance in place).</summary>
internal sealed class ElasticIpProvider(Ec2Support ec2) : IResourceProvider
{
    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        // DescribeAddresses is not paged.
        var response = await ec2.Read("DescribeAddresses",
            c => ec2.Client.DescribeAddressesAsync(new DescribeAddressesRequest { Filters = Ec2Support.OwnedBy(environments) }, c), ct).ConfigureAwait(false);
        return response.Addresses.Select(a =>
        {
            var properties = new List<(string, FieldValue)> { (K.Domain, FieldValue.Of(a.Domain?.Value ?? "vpc")) };
            if (a.InstanceId is { Length: > 0 } instance)
            {
                properties.Add((K.Instance, FieldValue.Of(instance)));
            }

            return Ec2Support.Observed(Kind, a.AllocationId, a.Tags, properties, [(K.PublicIpAttribute, a.PublicIp ?? string.Empty), (K.AssociationAttribute, a.AssociationId ?? string.Empty)]);
        }).OfType<ObservedResource>().ToList();
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var response = await ec2.Create("AllocateAddress", c => ec2.Client.AllocateAddressAsync(new AllocateAddressRequest
        {
            Domain = DomainType.Vpc,
            TagSpecifications = Ec2Support.TagsAtCreation(ResourceType.ElasticIp, desired.Tags),
        }, c), ct).ConfigureAwait(false);
        if (desired.Find(K.Instance) is not null)
        {
            await Associate(response.AllocationId, desired.Get(K.Instance), ct).ConfigureAwait(false);
        }

        return new CreatedResource(response.AllocationId, System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add(K.PublicIpAttribute, response.PublicIp ?? string.Empty));
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => c.Path == K.Instance) && desired.Find(K.Instance) is not null)
        {
            await Associate(actual.AwsId, desired.Get(K.Instance), ct).ConfigureAwait(false);
        }

        await ec2.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    private Task Associate(string allocationId, string instanceId, CancellationToken ct) =>
        ec2.Mutate("AssociateAddress", c => ec2.Client.AssociateAddressAsync(new AssociateAddressRequest
        {
            AllocationId = allocationId,
            InstanceId = instanceId,
            AllowReassociation = true,
        }, c), ct);

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        if (actual.Attributes.GetValueOrDefault(K.AssociationAttribute) is { Length: > 0 } association && actual.Get(K.Instance) is not null)
        {
            // Gone already when its instance was terminated first (a destroy deletes instances before addresses).
            await ec2.DeleteResource("DisassociateAddress", "InvalidAssociationID.NotFound",
                c => ec2.Client.DisassociateAddressAsync(new DisassociateAddressRequest { AssociationId = association }, c), ct).ConfigureAwait(false);
        }

        await ec2.DeleteResource("ReleaseAddress", "InvalidAllocationID.NotFound", c => ec2.Client.ReleaseAddressAsync(new ReleaseAddressRequest { AllocationId = actual.AwsId }, c), ct).ConfigureAwait(false);
    }
}
