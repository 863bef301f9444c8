using System.Security.Cryptography;
using System.Text;
using Reconciler.Aws;
using Reconciler.Aws.Ecs;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Observation;
using K = Reconciler.Model.Kinds.EcsServiceKind;
using Reconciler.Providers;
using Reconciler.Providers.Ecs;

namespace Reconciler.Kinds;

/// <summary>
/// ECS services. Name, cluster, launch type and the target group binding are fixed at creation (a change replaces the
/// service); desired count, task definition and the deployment circuit breaker change in place with ONE UpdateService.
/// The AWS id is the service ARN. A rollout never holds the apply: the PRIMARY deployment's state is reported as the
/// attributes <c>rolloutState</c>, <c>rolloutStateReason</c> and <c>rolloutTaskDefinition</c> (a deployment the circuit
/// breaker rolled back as <c>failedTaskDefinition</c> and <c>failedReason</c>), not as readiness (nothing depends on a
/// service); the controller reports them (Controller/RolloutReporter). A deleted service is DRAINING, not ready, until
/// its tasks are gone; what it holds (its target group, its cluster) waits for it.
/// Observation: DescribeServices (include TAGS) per owned cluster, 10 services per call, for the services the shared
/// Tagging API inventory lists there and the names the spec wants (no ListServices): DescribeServices takes one
/// cluster per call, so one call per cluster (one per environment) stays, made when the observation reads the
/// cluster's environment in detail or the services asked about differ from the last read (else that read's answer:
/// see <see cref="DetailMemory{T}"/>; desired count and task definition are fields anyone may change, and the rollout
/// attributes are as old as the answer, so such an answer only ever lets a shared observation say "nothing to do").
/// </summary>
internal sealed class EcsServiceProvider(EcsSupport ecs, TimeProvider time) : IResourceProvider
{
    private readonly BeforeDeployRunner _beforeDeploy = new(ecs.Api, time);

    /// <summary>The last DescribeServices answer of each cluster, for the service names it asked about (its version).</summary>
    private readonly DetailMemory<IReadOnlyList<EcsService>> _services = new();

    /// <summary>
    /// How soon to look again at a DRAINING service: "if there are still running tasks that require cleanup, the service
    /// status moves from ACTIVE to DRAINING", then to INACTIVE once they stopped; a service of the same name cannot be
    /// created while it drains (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteService.html).
    /// </summary>
    public static readonly TimeSpan DrainingRetry = TimeSpan.FromSeconds(15);

    private static readonly string[] Gone = ["ServiceNotFoundException", "ClusterNotFoundException"];

    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var inventory = await ecs.Inventory.OwnedAsync(environments, ct).ConfigureAwait(false);
        var listed = inventory.Where(kv => EcsSupport.ArnType(kv.Key) == "service").ToList();
        var observed = new List<ObservedResource>();
        var clusters = await ecs.OwnedClusters(environments, ct).ConfigureAwait(false);
        _services.Keep(environments, clusters.Select(c => c.Cluster.ClusterArn));
        foreach (var (cluster, tags) in clusters)
        {
            var environment = tags[Ownership.EnvironmentTag];
            // The services the inventory lists in this cluster (arn:...:service/CLUSTER/NAME; the old ARN format names
            // no cluster), plus the names the spec wants there, which the inventory may not list yet right after a create.
            var names = listed
                .Where(kv => kv.Value.GetValueOrDefault(Ownership.EnvironmentTag) == environment && InCluster(kv.Key, cluster.ClusterName))
                .Select(kv => kv.Key)
                .Concat(desired.Where(d => d.Tags.GetValueOrDefault(Ownership.EnvironmentTag) == environment).Select(d => d.Get(K.Name)).OfType<string>())
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (names.Count == 0)
            {
                continue;
            }

            var services = await _services.GetAsync(cluster.ClusterArn, environment,
                () => ecs.Api.DescribeServicesAsync(cluster.ClusterArn, names, ct),
                version: string.Join('\n', names.Order(StringComparer.Ordinal))).ConfigureAwait(false);
            // A DRAINING service (deleted, tasks still stopping) still holds its cluster and target group: observed as not ready.
            observed.AddRange(services.Where(s => s.Status is "ACTIVE" or "DRAINING").DistinctBy(s => s.ServiceArn).Select(Observed).OfType<ObservedResource>());
        }

        return observed;
    }

    /// <summary>Whether a service ARN may be in the named cluster: the new format says so, the old one cannot tell.</summary>
    private static bool InCluster(string serviceArn, string clusterName)
    {
        var path = serviceArn[(serviceArn.IndexOf(":service/", StringComparison.Ordinal) + ":service/".Length)..].Split('/');
        return path.Length < 2 || path[0] == clusterName;
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var breaker = CircuitBreaker(desired.Get(K.CircuitBreaker));
        var service = await ecs.Api.CreateServiceAsync(new CreateServiceRequest(
            desired.Get(K.Cluster),
            desired.Get(K.Name),
            desired.Get(K.TaskDefinition),
            desired.Int(K.DesiredCount),
            desired.Get(K.LaunchType),
            desired.Properties.ContainsKey(K.LoadBalancer) ? [LoadBalancer(desired.Item<LoadBalancerBinding>(K.LoadBalancer))] : null,
            new EcsDeploymentConfiguration(breaker),
            ClientToken(desired),
            "SERVICE",
            EcsTag.From(desired.Tags)), ct).ConfigureAwait(false);

        // AWS answers with the circuit breaker it stored. moto ignores deploymentConfiguration on create (it keeps it on
        // update): only when the answer does not show what we asked for is it set again, so real AWS never pays for this.
        if (service.DeploymentConfiguration?.DeploymentCircuitBreaker != breaker)
        {
            service = await ecs.Api.UpdateServiceAsync(new UpdateServiceRequest(desired.Get(K.Cluster), service.ServiceArn, DeploymentConfiguration: new EcsDeploymentConfiguration(breaker)), ct).ConfigureAwait(false);
        }

        return new CreatedResource(service.ServiceArn, TaggedResources.Attributes(Attributes(service)));
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        _services.Forget(Cluster(actual));
        if (actual.Attributes.GetValueOrDefault("status") == "DRAINING")
        {
            // Deleted and still stopping its tasks (a replacement's old half): nothing to change until it is gone.
            throw new NotReadyException(Draining(actual.Get(K.Name)));
        }

        bool Changed(string field) => changes.Any(c => c.Path == field);
        if (Changed(K.TaskDefinition) && desired.Desired.Instructions.OfType<BeforeDeployTask>().ToList() is { Count: > 0 } tasks)
        {
            // The one-off tasks (migrations) run with the new revision first; the service moves only when they exited 0.
            await _beforeDeploy.EnsureSucceededAsync(desired, tasks, desired.Get(K.TaskDefinition), ct).ConfigureAwait(false);
        }

        if (Changed(K.DesiredCount) || Changed(K.TaskDefinition) || Changed(K.CircuitBreaker))
        {
            await ecs.Api.UpdateServiceAsync(new UpdateServiceRequest(
                Cluster(actual),
                actual.AwsId,
                Changed(K.DesiredCount) ? desired.Int(K.DesiredCount) : null,
                Changed(K.TaskDefinition) ? desired.Get(K.TaskDefinition) : null,
                Changed(K.CircuitBreaker) ? new EcsDeploymentConfiguration(CircuitBreaker(desired.Get(K.CircuitBreaker))) : null), ct).ConfigureAwait(false);
        }

        await ecs.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Scales to zero and deletes (force), unless already DRAINING, then looks once: INACTIVE already (as on an
    /// emulator), or draining, which is a wait for the target group and the cluster, not for this worker.
    /// </summary>
    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        var cluster = Cluster(actual);
        _services.Forget(cluster);
        IReadOnlyList<EcsService> services;
        try
        {
            if (actual.Attributes.GetValueOrDefault("status") != "DRAINING")
            {
                if (actual.Get(K.DesiredCount) != "0")
                {
                    await ecs.Api.UpdateServiceAsync(new UpdateServiceRequest(cluster, actual.AwsId, DesiredCount: 0), ct).ConfigureAwait(false);
                }

                await ecs.Api.DeleteServiceAsync(cluster, actual.AwsId, ct).ConfigureAwait(false);
            }

            services = await ecs.Api.DescribeServicesAsync(cluster, [actual.AwsId], ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (Gone.Contains(ex.Error.Code))
        {
            return;
        }

        if (!services.All(s => s.Status == "INACTIVE"))
        {
            throw new NotReadyException(Draining(actual.Get(K.Name)));
        }
    }

    private static Readiness Draining(string? name) => Readiness.NotReady($"service {name} is draining", DrainingRetry);

    private ObservedResource? Observed(EcsService s)
    {
        var properties = new List<(string, FieldValue)>
        {
            (K.Name, FieldValue.Of(s.ServiceName)),
            (K.Cluster, FieldValue.Of(s.ClusterArn)),
            (K.TaskDefinition, FieldValue.Of(s.TaskDefinition ?? string.Empty)),
            (K.DesiredCount, FieldValue.Of(s.DesiredCount)),
            (K.LaunchType, FieldValue.Of(s.LaunchType ?? string.Empty)),
            (K.CircuitBreaker, FieldValue.Of(CircuitBreaker(s.DeploymentConfiguration?.DeploymentCircuitBreaker))),
        };
        if (s.LoadBalancers is [var binding, ..])
        {
            properties.Add((K.LoadBalancer, FieldValue.Of(new LoadBalancerBinding(binding.TargetGroupArn ?? string.Empty, binding.ContainerName ?? string.Empty, binding.ContainerPort ?? 0))));
        }

        return TaggedResources.Observed(Kind, s.ServiceArn, EcsTag.ToMap(s.Tags), properties, Attributes(s)) is { } observed
            ? observed with { Readiness = s.Status == "DRAINING" ? Draining(s.ServiceName) : Readiness.Ready }
            : null;
    }

    private static List<(string Key, string Value)> Attributes(EcsService service)
    {
        var attributes = new List<(string Key, string Value)> { ("arn", service.ServiceArn), ("status", service.Status ?? string.Empty) };
        if (service.Deployments?.FirstOrDefault(d => d.Status == "PRIMARY") is { } primary)
        {
            attributes.Add(("rolloutState", primary.RolloutState ?? string.Empty));
            attributes.Add(("rolloutStateReason", primary.RolloutStateReason ?? string.Empty));
            attributes.Add(("rolloutTaskDefinition", primary.TaskDefinition ?? string.Empty));
        }

        // When the circuit breaker rolls back, the failed deployment stops being PRIMARY (a new PRIMARY deployment
        // returns to the last good revision), so it is reported on its own while ECS still lists it.
        if (service.Deployments?.FirstOrDefault(d => d.Status != "PRIMARY" && d.RolloutState == "FAILED") is { } failed)
        {
            attributes.Add(("failedTaskDefinition", failed.TaskDefinition ?? string.Empty));
            attributes.Add(("failedReason", failed.RolloutStateReason ?? string.Empty));
        }

        return attributes;
    }

    private static string Cluster(ObservedResource actual) =>
        actual.Get(K.Cluster) ?? throw new InvalidOperationException($"{actual.LogicalId} has no cluster");

    /// <summary>The graph's <c>rollback</c> (enabled with rollback), <c>enabled</c> or <c>disabled</c>.</summary>
    private static EcsCircuitBreaker CircuitBreaker(string text) => text switch
    {
        K.Rollback => new EcsCircuitBreaker(true, true),
        K.Enabled => new EcsCircuitBreaker(true, false),
        K.Disabled => new EcsCircuitBreaker(false, false),
        _ => throw new InvalidOperationException($"circuit breaker '{text}' is not rollback, enabled or disabled"),
    };

    private static string CircuitBreaker(EcsCircuitBreaker? breaker) => breaker switch
    {
        { Enable: true, Rollback: true } => K.Rollback,
        { Enable: true } => K.Enabled,
        _ => K.Disabled,
    };

    private static EcsLoadBalancer LoadBalancer(LoadBalancerBinding binding) => new(binding.TargetGroup, binding.Container, binding.Port);

    /// <summary>
    /// The idempotency token: environment, logical id and the hash of the resolved spec, so that a create retried after
    /// a lost answer returns the same service, while a changed spec can never be mistaken for the earlier create.
    /// </summary>
    public static string ClientToken(ResolvedResource desired)
    {
        var text = new StringBuilder()
            .Append(desired.Tags.GetValueOrDefault(Ownership.EnvironmentTag)).Append('\n')
            .Append(desired.LogicalId).Append('\n');
        foreach (var (key, value) in desired.Properties)
        {
            text.Append(key).Append('=').Append(value.Display).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
