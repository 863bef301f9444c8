using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using K = Reconciler.Model.Kinds.NatGatewayKind;
using Reconciler.Providers;
using Reconciler.Providers.Ec2;

namespace Reconciler.Kinds;

/// <summary>
/// The NAT gateway in a public subnet with its Elastic IP. Created with a client token derived from environment,
/// logical id and desired fields, so a retried create after a lost response returns the same gateway.
/// </summary>
internal sealed class NatGatewayProvider(Ec2Support ec2, TimeProvider time) : IResourceProvider
{
    private static readonly string[] LiveStates = ["pending", "available"];

    public ResourceKind Kind => K.Kind;

    /// <summary>How long a delete waits for the gateway to be gone (its EIP and subnet cannot go before).</summary>
    public TimeSpan DeleteTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

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
            ])).OfType<ObservedResource>().ToList();
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

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        await ec2.DeleteResource("DeleteNatGateway", "NatGatewayNotFound", c => ec2.Client.DeleteNatGatewayAsync(new DeleteNatGatewayRequest { NatGatewayId = actual.AwsId }, c), ct).ConfigureAwait(false);
        var deadline = time.GetUtcNow() + DeleteTimeout;
        while (time.GetUtcNow() < deadline)
        {
            var response = await ec2.Read("DescribeNatGateways", c => ec2.Client.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { NatGatewayIds = [actual.AwsId] }, c), ct).ConfigureAwait(false);
            if (response.NatGateways.All(g => g.State?.Value is "deleted" or "failed"))
            {
                return;
            }

            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }

        throw new TimeoutException($"NAT gateway {actual.AwsId} was still deleting after {DeleteTimeout}");
    }
}
