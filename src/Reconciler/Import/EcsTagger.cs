using Reconciler.Aws.Ecs;
using Reconciler.Model.Graph;

namespace Reconciler.Import;

/// <summary>
/// Clusters, services and task definitions, by ARN: their own Describe call with include TAGS (the ones the providers
/// already make), then TagResource ("If existing tags on a resource are not specified in the request parameters, they
/// are not changed": ECS API reference, https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TagResource.html).
/// </summary>
internal sealed class EcsTagger(IEcsApi ecs) : IAdoptionTagger
{
    public async Task<TagState?> ReadAsync(string kind, string awsId, CancellationToken ct)
    {
        if (kind == ResourceKinds.EcsCluster.Name)
        {
            var cluster = (await ecs.DescribeClustersAsync([awsId], ct).ConfigureAwait(false)).FirstOrDefault(c => c.Status == "ACTIVE");
            return cluster is null ? null : new TagState(cluster.ClusterArn, EcsTag.ToMap(cluster.Tags));
        }

        if (kind == ResourceKinds.EcsService.Name)
        {
            // arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/NAME (the long ARN format, the only one since 2021).
            var parts = awsId.Split('/');
            var service = parts.Length == 3 ? (await ecs.DescribeServicesAsync(parts[1], [awsId], ct).ConfigureAwait(false)).FirstOrDefault(s => s.Status == "ACTIVE") : null;
            return service is null ? null : new TagState(service.ServiceArn, EcsTag.ToMap(service.Tags));
        }

        var td = await ecs.DescribeTaskDefinitionAsync(awsId, ct).ConfigureAwait(false);
        return new TagState(awsId, EcsTag.ToMap(td.Tags));
    }

    public Task WriteAsync(string kind, TagState current, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        ecs.TagResourceAsync(current.WriteId, tags, ct);
}
