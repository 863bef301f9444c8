using Reconciler.Aws.Http;

namespace Reconciler.Aws.Ecr;

/// <summary>ECR over AWS JSON 1.1 (camelCase members; tags are <c>[{Key, Value}]</c>).</summary>
internal sealed class EcrApi(JsonProtocolClient client) : IEcrApi
{
    public async Task<Repository> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken ct) =>
        (await client.CallAsync<CreateRepositoryRequest, RepositoryResponse>("CreateRepository", request, CallPurpose.Mutate, ct).ConfigureAwait(false)).Repository;

    public Task<IReadOnlyList<Repository>> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken ct) =>
        client.AllAsync<DescribeRepositoriesRequest, DescribeRepositoriesResponse, Repository>(
            "DescribeRepositories", request, r => r.Repositories, r => r.NextToken, (q, token) => q with { NextToken = token }, ct);

    public async Task<IReadOnlyList<Tag>> ListTagsForResourceAsync(ListTagsForResourceRequest request, CancellationToken ct) =>
        (await client.CallAsync<ListTagsForResourceRequest, ListTagsForResourceResponse>("ListTagsForResource", request, CallPurpose.Read, ct).ConfigureAwait(false)).Tags ?? [];

    public Task PutImageScanningConfigurationAsync(PutImageScanningConfigurationRequest request, CancellationToken ct) =>
        client.CallAsync<PutImageScanningConfigurationRequest, object>("PutImageScanningConfiguration", request, CallPurpose.Mutate, ct);

    public Task PutImageTagMutabilityAsync(PutImageTagMutabilityRequest request, CancellationToken ct) =>
        client.CallAsync<PutImageTagMutabilityRequest, object>("PutImageTagMutability", request, CallPurpose.Mutate, ct);

    public Task TagResourceAsync(TagResourceRequest request, CancellationToken ct) =>
        client.CallAsync<TagResourceRequest, object>("TagResource", request, CallPurpose.Mutate, ct);

    public Task DeleteRepositoryAsync(DeleteRepositoryRequest request, CancellationToken ct) =>
        client.CallAsync<DeleteRepositoryRequest, object>("DeleteRepository", request, CallPurpose.Delete, ct);
}
