using Reconciler.Aws;
using Reconciler.Aws.Ecr;

namespace Reconciler.Import;

/// <summary>Repositories (AWS id: the name), tagged by ARN with TagResource, which keeps the tags it does not name (ECR API reference, TagResource).</summary>
internal sealed class EcrTagger(IEcrApi ecr) : IAdoptionTagger
{
    public async Task<TagState?> ReadAsync(string kind, string awsId, CancellationToken ct)
    {
        try
        {
            var repository = (await ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest([awsId]), ct).ConfigureAwait(false)).FirstOrDefault();
            return repository is null
                ? null
                : new TagState(repository.RepositoryArn, TagMaps.Of(await ecr.ListTagsForResourceAsync(new ListTagsForResourceRequest(repository.RepositoryArn), ct).ConfigureAwait(false), t => t.Key, t => t.Value));
        }
        catch (AwsCallException ex) when (ex.Error.Code == "RepositoryNotFoundException")
        {
            return null;
        }
    }

    public Task WriteAsync(string kind, TagState current, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        ecr.TagResourceAsync(new TagResourceRequest(current.WriteId, [.. tags.Select(t => new Tag(t.Key, t.Value))]), ct);
}
