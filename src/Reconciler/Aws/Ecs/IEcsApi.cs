namespace Reconciler.Aws.Ecs;

/// <summary>
/// The ECS operations we call, named after the official SDK's <c>IAmazonECS</c>, so that a later swap to the package
/// is mechanical. List methods return every page (nextToken); Describe methods batch as the API requires.
/// </summary>
internal interface IEcsApi : IEcsTaskApi
{
    /// <summary>The clusters with their tags, in batches of 100 (the API's limit per call).</summary>
    Task<IReadOnlyList<EcsCluster>> DescribeClustersAsync(IReadOnlyList<string> clusters, CancellationToken ct);

    Task<EcsCluster> CreateClusterAsync(string name, IReadOnlyDictionary<string, string> tags, CancellationToken ct);

    Task DeleteClusterAsync(string cluster, CancellationToken ct);

    Task TagResourceAsync(string arn, IReadOnlyDictionary<string, string> tags, CancellationToken ct);

    /// <summary>Every ACTIVE revision of the region, newest first within a family (100 per page).</summary>
    Task<IReadOnlyList<string>> ListActiveTaskDefinitionsAsync(CancellationToken ct);

    /// <summary>The ACTIVE revisions of one family.</summary>
    Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string family, CancellationToken ct);

    /// <summary>A revision (or a family's latest ACTIVE revision) with its tags.</summary>
    Task<TaskDefinitionAnswer> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken ct);

    Task<TaskDefinitionAnswer> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken ct);

    Task DeregisterTaskDefinitionAsync(string taskDefinition, CancellationToken ct);

    /// <summary>The services with their tags, in batches of 10 (the API's limit per call).</summary>
    Task<IReadOnlyList<EcsService>> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken ct);

    Task<EcsService> CreateServiceAsync(CreateServiceRequest request, CancellationToken ct);

    Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken ct);

    /// <summary>Deletes with force (the service need not be scaled to zero first); the service drains, then turns INACTIVE.</summary>
    Task DeleteServiceAsync(string cluster, string service, CancellationToken ct);

    /// <summary>Every cluster ARN of the region (import's discovery; the reconciler finds its own through tags).</summary>
    Task<IReadOnlyList<string>> ListClustersAsync(CancellationToken ct);

    /// <summary>Every service ARN of a cluster (import's discovery).</summary>
    Task<IReadOnlyList<string>> ListServicesAsync(string cluster, CancellationToken ct);
}
