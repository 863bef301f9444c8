using Reconciler.Aws.Elbv2;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers.Elbv2;

/// <summary>
/// Application load balancers: name and scheme are fixed at creation; subnets (SetSubnets) and security groups
/// (SetSecurityGroups) change in place. The AWS id is the ARN; <c>dnsName</c> and <c>canonicalHostedZoneId</c> feed
/// Route53 aliases. While the load balancer is <c>provisioning</c> it says so in <c>notReady</c>, so dependents wait.
/// </summary>
internal sealed class LoadBalancerProvider(Elbv2Support elb) : IResourceProvider
{
    public ResourceKind Kind => ResourceKinds.LoadBalancer;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var balancers = await elb.LoadBalancers(ct).ConfigureAwait(false);
        var owned = await elb.Owned(balancers, b => b.Arn, b => b.Name, environments, desired, ct).ConfigureAwait(false);
        return owned.Select(x => TaggedResources.Observed(Kind, x.Item.Arn, x.Tags,
            [
                ("name", FieldValue.Of(x.Item.Name)),
                ("scheme", FieldValue.Of(x.Item.Scheme)),
                ("subnets", FieldValue.SetOf(x.Item.Subnets)),
                ("securityGroups", FieldValue.SetOf(x.Item.SecurityGroups)),
            ],
            Attributes(x.Item))).OfType<ObservedResource>().ToList();
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var name = desired.Get("name");
        var balancer = await elb.CreateOrAdopt(() => elb.Api.CreateLoadBalancerAsync(new CreateLoadBalancerRequest(
            name,
            desired.Get("scheme"),
            desired.Set("subnets"),
            desired.Set("securityGroups"),
            desired.Tags), ct), elb.Api.DescribeLoadBalancersAsync, b => b.Name == name, b => b.Arn, desired.Tags, $"the load balancer name {name}", "DuplicateLoadBalancerName", ct).ConfigureAwait(false);
        return new CreatedResource(balancer.Arn, TaggedResources.Attributes(Attributes(balancer)));
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => c.Path == "subnets"))
        {
            await elb.Api.SetSubnetsAsync(actual.AwsId, desired.Set("subnets"), ct).ConfigureAwait(false);
        }

        if (changes.Any(c => c.Path == "securityGroups"))
        {
            await elb.Api.SetSecurityGroupsAsync(actual.AwsId, desired.Set("securityGroups"), ct).ConfigureAwait(false);
        }

        await elb.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    public Task DeleteAsync(ObservedResource actual, CancellationToken ct) =>
        TaggedResources.DeleteAsync(() => elb.Api.DeleteLoadBalancerAsync(actual.AwsId, ct), "LoadBalancerNotFound");

    private static List<(string Key, string Value)> Attributes(Elbv2LoadBalancer balancer)
    {
        List<(string Key, string Value)> attributes =
        [
            ("arn", balancer.Arn),
            ("dnsName", balancer.DnsName),
            ("canonicalHostedZoneId", balancer.CanonicalHostedZoneId),
            ("state", balancer.State),
        ];
        if (balancer.State == "provisioning")
        {
            attributes.Add((ApplyExecutor.NotReadyAttribute, "load balancer is provisioning"));
        }

        return attributes;
    }
}
