using Reconciler.Aws;
using Reconciler.Model.Graph;
using K = Reconciler.Model.Kinds.EcsClusterKind;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Ecs;

namespace Reconciler.Kinds;

/// <summary>ECS clusters: only the name, fixed at creation. The AWS id is the cluster ARN.</summary>
internal sealed class EcsClusterProvider(EcsSupport ecs) : IResourceProvider
{
    /// <summary>What DeleteCluster answers while hosts or services are still leaving the cluster: wait, do not fail.</summary>
    private static readonly string[] StillInUse = ["ClusterContainsContainerInstancesException", "ClusterContainsServicesException", "ClusterContainsTasksException"];

    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var clusters = await ecs.OwnedClusters(environments, ct).ConfigureAwait(false);
        return clusters.Select(x => TaggedResources.Observed(Kind, x.Cluster.ClusterArn, x.Tags,
            [(K.Name, FieldValue.Of(x.Cluster.ClusterName))],
            [("arn", x.Cluster.ClusterArn), ("name", x.Cluster.ClusterName)])).OfType<ObservedResource>().ToList();
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var cluster = await ecs.Api.CreateClusterAsync(desired.Get(K.Name), desired.Tags, ct).ConfigureAwait(false);
        ecs.Created.Created(cluster.ClusterArn, desired.Tags);
        return new CreatedResource(cluster.ClusterArn, TaggedResources.Attributes(("arn", cluster.ClusterArn), ("name", cluster.ClusterName)));
    }

    public Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct) =>
        ecs.UpdateTags(actual.AwsId, desired.Tags, changes, ct);

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        try
        {
            await TaggedResources.DeleteAsync(() => ecs.Api.DeleteClusterAsync(actual.AwsId, ct), "ClusterNotFoundException").ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (StillInUse.Contains(ex.Error.Code))
        {
            throw new NotReadyException($"cluster {actual.Get(K.Name)} still has container instances, services or tasks leaving it", TimeSpan.FromSeconds(30));
        }
    }
}
