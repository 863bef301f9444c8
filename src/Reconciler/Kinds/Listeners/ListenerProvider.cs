using System.Collections.Concurrent;
using Reconciler.Aws;
using Reconciler.Aws.Elbv2;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Elbv2;
using Reconciler.Providers.Observation;
using K = Reconciler.Model.Kinds.ListenerKind;

namespace Reconciler.Kinds;

/// <summary>
/// Listeners: the load balancer and port are fixed (the port is in the logical id); protocol, certificate and default
/// action change in place with one ModifyListener. Their tags come by DescribeTags, 20 listeners per call (or from the
/// inventory, where AWS's Tagging API lists them).
/// A certificate not yet issued is the certificate provider's business: it reports it not ready and the listener waits.
/// <para>
/// Observation: the load balancers come from the listing the load balancer kind makes in the same observation.
/// Nothing lists listeners across load balancers (moto_server's Tagging API does not know them), but DescribeListeners
/// takes ListenerArns across load balancers: the provider remembers each load balancer's listener ARNs from its last
/// read of that load balancer, and describes the known ARNs of all load balancers in batches of
/// <see cref="ElasticLoadBalancingV2Api.ListenerBatch"/>, so a steady region costs ceil(listeners / 20) calls. The
/// fields come fresh from AWS in every observation; only which ARNs to ask about is remembered. A load balancer is
/// read on its own (one DescribeListeners by LoadBalancerArn, which refreshes its ARNs) when no listener of it is
/// known; when its batch fails with ListenerNotFound or comes back without an ARN asked for (deleted by hand: it is
/// then seen missing and planned as a create); when a listener its environment's spec wants is not among what the
/// batches found (created by another process, or a create whose answer was lost); and, in the controller's rotating
/// shared observation, when its environment is read in detail (so a listener that someone else added with our tags
/// is seen within one rotation, as are the other detail fields).
/// </para>
/// </summary>
internal sealed class ListenerProvider(Elbv2Support elb) : IResourceProvider
{
    /// <summary>The listener ARNs of each load balancer, as its last DescribeListeners by LoadBalancerArn showed them.</summary>
    private readonly ConcurrentDictionary<string, string[]> _known = new(StringComparer.Ordinal);

    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var balancers = await elb.LoadBalancers(ct).ConfigureAwait(false);
        // Bounded: what the account's listing no longer shows is forgotten.
        var existing = balancers.Select(b => b.Arn).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _known.Keys.Where(k => !existing.Contains(k)))
        {
            _known.TryRemove(gone, out _);
        }

        var ownedBalancers = (await elb.Owned(balancers, b => b.Arn, b => b.Name, environments, [], ct).ConfigureAwait(false))
            .Select(x => (Arn: x.Item.Arn, Environment: x.Tags[Ownership.EnvironmentTag]))
            .ToList();
        var alone = ownedBalancers
            .Where(b => !_known.TryGetValue(b.Arn, out var arns) || arns.Length == 0 || (ObservationScope.Rotating && ObservationScope.Detailed(b.Environment)))
            .Select(b => b.Arn)
            .ToHashSet(StringComparer.Ordinal);
        var listeners = await BatchesAsync(ownedBalancers.Select(b => b.Arn).Where(b => !alone.Contains(b)).ToList(), alone, ct).ConfigureAwait(false);
        listeners.AddRange(await AloneAsync(alone, ct).ConfigureAwait(false));
        var owned = await elb.Owned(listeners, l => l.Arn, null, environments, desired, ct).ConfigureAwait(false);

        // A listener the spec wants that the batches did not find: its environment's load balancers are read on their own.
        var found = owned.Select(x => (x.Tags[Ownership.EnvironmentTag], x.Tags.GetValueOrDefault(Ownership.LogicalIdTag))).ToHashSet();
        var missing = desired
            .Where(d => d.Tags.TryGetValue(Ownership.EnvironmentTag, out var env) && !found.Contains((env, d.LogicalId)))
            .Select(d => d.Tags[Ownership.EnvironmentTag])
            .ToHashSet(StringComparer.Ordinal);
        var recheck = ownedBalancers.Where(b => missing.Contains(b.Environment) && !alone.Contains(b.Arn)).Select(b => b.Arn).ToHashSet(StringComparer.Ordinal);
        if (recheck.Count > 0)
        {
            var reread = await AloneAsync(recheck, ct).ConfigureAwait(false);
            owned.RemoveAll(x => recheck.Contains(x.Item.LoadBalancerArn));
            owned.AddRange(await elb.Owned(reread, l => l.Arn, null, environments, desired, ct).ConfigureAwait(false));
        }

        return owned.Select(x =>
        {
            var properties = new List<(string, FieldValue)>
            {
                (K.LoadBalancer, FieldValue.Of(x.Item.LoadBalancerArn)),
                (K.Protocol, FieldValue.Of(x.Item.Protocol)),
                (K.Port, FieldValue.Of(x.Item.Port)),
                (K.Action, Action(x.Item.DefaultActions)),
            };
            if (x.Item.CertificateArn is { } certificate)
            {
                properties.Add((K.Certificate, FieldValue.Of(certificate)));
            }

            return TaggedResources.Observed(Kind, x.Item.Arn, x.Tags, properties, [("arn", x.Item.Arn)]);
        }).OfType<ObservedResource>().ToList();
    }

    /// <summary>
    /// The known listeners of <paramref name="balancers"/>, described by ARN in batches; the load balancers of a batch
    /// that fails with ListenerNotFound, or whose ARN did not come back, are added to <paramref name="alone"/> instead.
    /// </summary>
    private async Task<List<Elbv2Listener>> BatchesAsync(IReadOnlyList<string> balancers, HashSet<string> alone, CancellationToken ct)
    {
        var balancerOf = balancers
            .SelectMany(b => _known.GetValueOrDefault(b, []).Select(arn => (Listener: arn, Balancer: b)))
            .ToDictionary(x => x.Listener, x => x.Balancer, StringComparer.Ordinal);
        var result = new List<Elbv2Listener>();
        foreach (var batch in balancerOf.Keys.Chunk(ElasticLoadBalancingV2Api.ListenerBatch))
        {
            IReadOnlyList<Elbv2Listener> described;
            try
            {
                described = await elb.Api.DescribeListenersAsync(batch, ct).ConfigureAwait(false);
            }
            catch (AwsCallException ex) when (ex.Error.Code == "ListenerNotFound")
            {
                alone.UnionWith(batch.Select(arn => balancerOf[arn]));
                continue;
            }

            var back = described.Where(l => balancerOf.GetValueOrDefault(l.Arn) == l.LoadBalancerArn).DistinctBy(l => l.Arn).ToList();
            var incomplete = batch.Except(back.Select(l => l.Arn), StringComparer.Ordinal).Select(arn => balancerOf[arn]).ToHashSet(StringComparer.Ordinal);
            alone.UnionWith(incomplete);
            result.AddRange(back.Where(l => !incomplete.Contains(l.LoadBalancerArn)));
        }

        // A load balancer with listeners in several batches, one of which failed, is read on its own: drop its others.
        result.RemoveAll(l => alone.Contains(l.LoadBalancerArn));
        return result;
    }

    /// <summary>One DescribeListeners per load balancer, remembering the ARNs each shows.</summary>
    private async Task<List<Elbv2Listener>> AloneAsync(IEnumerable<string> balancers, CancellationToken ct)
    {
        var result = new List<Elbv2Listener>();
        foreach (var balancer in balancers)
        {
            var listeners = await elb.Api.DescribeListenersAsync(balancer, ct).ConfigureAwait(false);
            _known[balancer] = [.. listeners.Select(l => l.Arn)];
            result.AddRange(listeners);
        }

        return result;
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var balancer = desired.Get(K.LoadBalancer);
        var settings = Settings(desired);
        var listener = await elb.CreateOrAdopt(() => elb.Api.CreateListenerAsync(balancer, settings, desired.Tags, ct), c => elb.Api.DescribeListenersAsync(balancer, c),
            l => l.Port == settings.Port, l => l.Arn, desired.Tags, $"port {settings.Port} of load balancer {balancer}", "DuplicateListener", ct).ConfigureAwait(false);
        // Known from now on (a load balancer not read yet stays unknown: it is read on its own, which finds this too).
        _known.AddOrUpdate(balancer, _ => [], (_, arns) => [.. arns.Append(listener.Arn).Distinct(StringComparer.Ordinal)]);
        return new CreatedResource(listener.Arn, TaggedResources.Attributes(("arn", listener.Arn)));
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => K.ModifiableFields.Contains(c.Path)))
        {
            await elb.Api.ModifyListenerAsync(actual.AwsId, Settings(desired), ct).ConfigureAwait(false);
        }

        await elb.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        await TaggedResources.DeleteAsync(() => elb.Api.DeleteListenerAsync(actual.AwsId, ct), "ListenerNotFound").ConfigureAwait(false);
        if (actual.Get(K.LoadBalancer) is { } balancer)
        {
            _known.AddOrUpdate(balancer, _ => [], (_, arns) => [.. arns.Where(a => a != actual.AwsId)]);
        }
    }

    private static ListenerSettings Settings(ResolvedResource desired)
    {
        var action = desired.Item<ListenerAction>(K.Action);
        return new ListenerSettings(
            desired.Get(K.Protocol),
            desired.Int(K.Port),
            desired.Find(K.Certificate) is null ? null : desired.Get(K.Certificate),
            new Elbv2Action(action.Type, action.TargetGroup, action.Protocol, action.Port, action.StatusCode));
    }

    /// <summary>
    /// The default action as the spec states one. The spec always sets exactly one; none, or several (set by hand), are
    /// shown as their types joined, which never equals a wanted action, so ModifyListener puts the spec's back.
    /// </summary>
    private static FieldValue Action(IReadOnlyList<Elbv2Action> actions) => actions.Count == 1
        ? FieldValue.Of(FromAws(actions[0]))
        : FieldValue.Of(string.Join(";", actions.Select(a => FromAws(a).Display)));

    private static ListenerAction FromAws(Elbv2Action a) => a.Type switch
    {
        ListenerAction.ForwardType => ListenerAction.Forward(a.TargetGroupArn ?? string.Empty),
        ListenerAction.RedirectType => ListenerAction.Redirect(a.RedirectProtocol ?? string.Empty, a.RedirectPort ?? string.Empty, a.RedirectStatusCode ?? string.Empty),
        _ => new ListenerAction(a.Type),
    };
}
