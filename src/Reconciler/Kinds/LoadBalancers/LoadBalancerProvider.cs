using Reconciler.Aws.Elbv2;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Elbv2;
using K = Reconciler.Model.Kinds.LoadBalancerKind;

namespace Reconciler.Kinds;

/// <summary>
/// Application load balancers: name and scheme are fixed at creation; subnets (SetSubnets) and security groups
/// (SetSecurityGroups) change in place. The AWS id is the ARN; <c>dnsName</c> and <c>canonicalHostedZoneId</c> feed
/// Route53 aliases. While the load balancer is <c>provisioning</c> it is not ready (<see cref="Readiness"/>), so dependents wait.
/// </summary>
internal sealed class LoadBalancerProvider(Elbv2Support elb) : IResourceProvider
{
    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var balancers = await elb.LoadBalancers(ct).ConfigureAwait(false);
        var owned = await elb.Owned(balancers, b => b.Arn, b => b.Name, environments, desired, ct).ConfigureAwait(false);
        return owned.Select(x => TaggedResources.Observed(Kind, x.Item.Arn, x.Tags,
            [
                (K.Name, FieldValue.Of(x.Item.Name)),
                (K.Scheme, FieldValue.Of(x.Item.Scheme)),
                (K.Subnets, FieldValue.SetOf(x.Item.Subnets)),
                (K.SecurityGroups, FieldValue.SetOf(x.Item.SecurityGroups)),
            ],
            Attributes(x.Item))).OfType<ObservedResource>().Select(o => o with { Readiness = ReadinessOf(o.Attributes["state"]) }).ToList();
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var name = desired.Get(K.Name);
        var balancer = await elb.CreateOrAdopt(() => elb.Api.CreateLoadBalancerAsync(new CreateLoadBalancerRequest(
            name,
            desired.Get(K.Scheme),
            desired.Set(K.Subnets),
            desired.Set(K.SecurityGroups),
            desired.Tags), ct), elb.Api.DescribeLoadBalancersAsync, b => b.Name == name, b => b.Arn, desired.Tags, $"the load balancer name {name}", "DuplicateLoadBalancerName", ct).ConfigureAwait(false);
        return new CreatedResource(balancer.Arn, TaggedResources.Attributes(Attributes(balancer))) { Readiness = ReadinessOf(balancer.State) };
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => c.Path == K.Subnets))
        {
            await elb.Api.SetSubnetsAsync(actual.AwsId, desired.Set(K.Subnets), ct).ConfigureAwait(false);
        }

        if (changes.Any(c => c.Path == K.SecurityGroups))
        {
            await elb.Api.SetSecurityGroupsAsync(actual.AwsId, desired.Set(K.SecurityGroups), ct).ConfigureAwait(false);
        }

        await elb.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    public Task DeleteAsync(ObservedResource actual, CancellationToken ct) =>
        TaggedResources.DeleteAsync(() => elb.Api.DeleteLoadBalancerAsync(actual.AwsId, ct), "LoadBalancerNotFound");

    private static List<(string Key, string Value)> Attributes(Elbv2LoadBalancer balancer) =>
    [
        ("arn", balancer.Arn),
        (K.DnsNameAttribute, balancer.DnsName),
        (K.CanonicalHostedZoneIdAttribute, balancer.CanonicalHostedZoneId),
        (K.StateAttribute, balancer.State),
    ];

    /// <summary>A provisioning load balancer takes minutes to turn active (ELBv2 API reference, LoadBalancerState).</summary>
    private static Readiness ReadinessOf(string state) =>
        state == "provisioning" ? Readiness.NotReady("load balancer is provisioning", TimeSpan.FromSeconds(15)) : Readiness.Ready;
}
