using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using K = Reconciler.Model.Kinds.InternetGatewayKind;
using Reconciler.Providers;
using Reconciler.Providers.Ec2;

namespace Reconciler.Kinds;

/// <summary>The internet gateway and its attachment to the VPC (re-attached in place if it drifts).</summary>
internal sealed class InternetGatewayProvider(Ec2Support ec2) : IResourceProvider
{
    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var gateways = await ec2.Pages("DescribeInternetGateways",
            (token, c) => ec2.Client.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest { Filters = Ec2Support.OwnedBy(environments), NextToken = token }, c),
            r => r.InternetGateways, r => r.NextToken, ct).ConfigureAwait(false);
        return gateways.Select(g => Ec2Support.Observed(Kind, g.InternetGatewayId, g.Tags,
            AttachedVpc(g) is { } vpc ? [(K.Vpc, FieldValue.Of(vpc))] : [])).OfType<ObservedResource>().ToList();
    }

    private static string? AttachedVpc(InternetGateway gateway) =>
        gateway.Attachments?.FirstOrDefault(a => a.State is null || a.State != AttachmentStatus.Detached)?.VpcId;

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var response = await ec2.Create("CreateInternetGateway", c => ec2.Client.CreateInternetGatewayAsync(new CreateInternetGatewayRequest
        {
            TagSpecifications = Ec2Support.TagsAtCreation(ResourceType.InternetGateway, desired.Tags),
        }, c), ct).ConfigureAwait(false);
        var id = response.InternetGateway.InternetGatewayId;
        await Attach(id, desired.Get(K.Vpc), ct).ConfigureAwait(false);
        return new CreatedResource(id);
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => c.Path == K.Vpc))
        {
            if (actual.Get(K.Vpc) is { } old)
            {
                await Detach(actual.AwsId, old, ct).ConfigureAwait(false);
            }

            await Attach(actual.AwsId, desired.Get(K.Vpc), ct).ConfigureAwait(false);
        }

        await ec2.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    private Task Attach(string id, string vpcId, CancellationToken ct) =>
        ec2.Mutate("AttachInternetGateway", c => ec2.Client.AttachInternetGatewayAsync(new AttachInternetGatewayRequest { InternetGatewayId = id, VpcId = vpcId }, c), ct);

    private Task Detach(string id, string vpcId, CancellationToken ct) =>
        ec2.Delete("DetachInternetGateway", c => ec2.Client.DetachInternetGatewayAsync(new DetachInternetGatewayRequest { InternetGatewayId = id, VpcId = vpcId }, c), ct);

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        if (actual.Get(K.Vpc) is { } vpc)
        {
            await Detach(actual.AwsId, vpc, ct).ConfigureAwait(false);
        }

        await ec2.DeleteResource("DeleteInternetGateway", "InvalidInternetGatewayID.NotFound", c => ec2.Client.DeleteInternetGatewayAsync(new DeleteInternetGatewayRequest { InternetGatewayId = actual.AwsId }, c), ct).ConfigureAwait(false);
    }
}
