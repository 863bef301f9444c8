using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using K = Reconciler.Model.Kinds.NatGatewayKind;
using Reconciler.Providers;
using Reconciler.Providers.Ec2;

namespace Reconciler.Kinds;

/// <summary>
/// The NAT gateway in a public subnet with its Elastic IP. Created with a client token derived from environment,
/// logical id and desired fields, so a retried create after a lost response returns the same gateway.
/// A deletion is issued and returns: the gateway is observed as <c>deleting</c> (not ready) until AWS has released its
/// address and network interface, and the subnet and Elastic IP deletions wait for it.
/// </summary>
internal sealed class NatGatewayProvider(Ec2Support ec2) : IResourceProvider
{
    /// <summary>
    /// A deleting gateway still holds its Elastic IP and its network interface in the subnet ("deleting: the NAT gateway is
    /// in the process of being terminated", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html):
    /// observed, so what it holds waits for it.
    /// </summary>
    private static readonly string[] LiveStates = ["pending", "available", "deleting"];

    /// <summary>How soon to look again at a gateway that is deleting (it takes a minute or more).</summary>
    private static readonly TimeSpan DeletingRetry = TimeSpan.FromSeconds(15);

    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        List<Filter> filters = [.. Ec2Support.OwnedBy(environments), new Filter { Name = "state", Values = [.. LiveStates] }];
        var gateways = await ec2.Pages("DescribeNatGateways",
            (token, c) => ec2.Client.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { Filter = filters, NextToken = token }, c),
            r => r.NatGateways, r => r.NextToken, ct).ConfigureAwait(false);
        return gateways
            .Where(g => LiveStates.Contains(g.State?.Value))
            .Select(g => Ec2Support.Observed(Kind, g.NatGatewayId, g.Tags,
            [
                (K.Subnet, FieldValue.Of(g.SubnetId)),
                (K.Allocation, FieldValue.Of(g.NatGatewayAddresses?.FirstOrDefault()?.AllocationId ?? string.Empty)),
            ], [("state", g.State?.Value ?? string.Empty)]))
            .OfType<ObservedResource>()
            .Select(o => o.Attributes["state"] == "deleting" ? o with { Readiness = Deleting(o.AwsId) } : o)
            .ToList();
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var subnet = desired.Get(K.Subnet);
        var allocation = desired.Get(K.Allocation);
        // Create, not Mutate: a lost answer is not resent even with a token (an endpoint may not honour tokens, as
        // moto_server does not): the next pass finds the gateway by the tags it was created with.
        var response = await ec2.Create("CreateNatGateway", c => ec2.Client.CreateNatGatewayAsync(new CreateNatGatewayRequest
        {
            SubnetId = subnet,
            AllocationId = allocation,
            ConnectivityType = ConnectivityType.Public,
            ClientToken = ClientToken(desired, subnet, allocation),
            TagSpecifications = Ec2Support.TagsAtCreation(ResourceType.Natgateway, desired.Tags),
        }, c), ct).ConfigureAwait(false);
        return new CreatedResource(response.NatGateway.NatGatewayId);
    }

    /// <summary>At most 64 ASCII characters, stable for the same environment, logical id and placement.</summary>
    public static string ClientToken(ResolvedResource desired, string subnet, string allocation) =>
        TaggedResources.ClientToken(desired.Tags[Ownership.EnvironmentTag], desired.LogicalId, [subnet, allocation]);

    public Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct) =>
        ec2.UpdateTags(actual.AwsId, desired.Tags, changes, ct);

    /// <summary>
    /// Issues the deletion (not again for a gateway already deleting) and looks once: gone already (as on an emulator),
    /// or still deleting, which is a wait for what it holds, not for this worker.
    /// </summary>
    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        if (actual.Attributes.GetValueOrDefault("state") != "deleting")
        {
            await ec2.DeleteResource("DeleteNatGateway", "NatGatewayNotFound", c => ec2.Client.DeleteNatGatewayAsync(new DeleteNatGatewayRequest { NatGatewayId = actual.AwsId }, c), ct).ConfigureAwait(false);
        }

        DescribeNatGatewaysResponse response;
        try
        {
            response = await ec2.Read("DescribeNatGateways", c => ec2.Client.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { NatGatewayIds = [actual.AwsId] }, c), ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NatGatewayNotFound")
        {
            return;
        }

        if (!(response.NatGateways ?? []).All(g => g.State?.Value is "deleted" or "failed"))
        {
            throw new NotReadyException(Deleting(actual.AwsId));
        }
    }

    private static Readiness Deleting(string id) => Readiness.NotReady($"NAT gateway {id} is deleting", DeletingRetry);
}
