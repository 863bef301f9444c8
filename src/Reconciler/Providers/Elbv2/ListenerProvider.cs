using Reconciler.Aws.Elbv2;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers.Elbv2;

/// <summary>
/// Listeners: the load balancer and port are fixed (the port is in the logical id); protocol, certificate and default
/// action change in place with one ModifyListener. Observation: the load balancers come from the listing the
/// load balancer kind makes in the same observation; then one DescribeListeners per owned load balancer, because
/// listing a load balancer's listeners needs its ARN (DescribeListeners also takes ListenerArns across load
/// balancers, but nothing lists our listener ARNs: moto_server's Tagging API does not know listeners), and their
/// tags by DescribeTags, 20 listeners per call (or from the inventory, where AWS's Tagging API lists them).
/// A certificate not yet issued is the certificate provider's business: it reports <c>notReady</c> and the listener waits.
/// </summary>
internal sealed class ListenerProvider(Elbv2Support elb) : IResourceProvider
{
    private static readonly string[] ModifiableFields = ["protocol", "certificate", "action"];

    public ResourceKind Kind => ResourceKinds.Listener;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var balancers = await elb.LoadBalancers(ct).ConfigureAwait(false);
        var ownedBalancers = await elb.Owned(balancers, b => b.Arn, b => b.Name, environments, [], ct).ConfigureAwait(false);
        var listeners = new List<Elbv2Listener>();
        foreach (var (balancer, _) in ownedBalancers)
        {
            listeners.AddRange(await elb.Api.DescribeListenersAsync(balancer.Arn, ct).ConfigureAwait(false));
        }

        var owned = await elb.Owned(listeners, l => l.Arn, null, environments, desired, ct).ConfigureAwait(false);
        return owned.Select(x =>
        {
            var properties = new List<(string, FieldValue)>
            {
                ("loadBalancer", FieldValue.Of(x.Item.LoadBalancerArn)),
                ("protocol", FieldValue.Of(x.Item.Protocol)),
                ("port", FieldValue.Of(x.Item.Port)),
                ("action", FieldValue.Of(ListenerActions.Format(x.Item.DefaultActions))),
            };
            if (x.Item.CertificateArn is { } certificate)
            {
                properties.Add(("certificate", FieldValue.Of(certificate)));
            }

            return TaggedResources.Observed(Kind, x.Item.Arn, x.Tags, properties, [("arn", x.Item.Arn)]);
        }).OfType<ObservedResource>().ToList();
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var balancer = desired.Get("loadBalancer");
        var settings = Settings(desired);
        var listener = await elb.CreateOrAdopt(() => elb.Api.CreateListenerAsync(balancer, settings, desired.Tags, ct), c => elb.Api.DescribeListenersAsync(balancer, c),
            l => l.Port == settings.Port, l => l.Arn, desired.Tags, $"a listener on port {settings.Port} of {balancer}", "DuplicateListener", ct).ConfigureAwait(false);
        return new CreatedResource(listener.Arn, TaggedResources.Attributes(("arn", listener.Arn)));
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => ModifiableFields.Contains(c.Path)))
        {
            await elb.Api.ModifyListenerAsync(actual.AwsId, Settings(desired), ct).ConfigureAwait(false);
        }

        await elb.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    public Task DeleteAsync(ObservedResource actual, CancellationToken ct) =>
        TaggedResources.DeleteAsync(() => elb.Api.DeleteListenerAsync(actual.AwsId, ct), "ListenerNotFound");

    private static ListenerSettings Settings(ResolvedResource desired) => new(
        desired.Get("protocol"),
        desired.Int("port"),
        desired.Find("certificate") is null ? null : desired.Get("certificate"),
        ListenerActions.Parse(desired.Get("action")));
}
