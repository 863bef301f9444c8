using Reconciler.Aws.Http;

namespace Reconciler.Aws.Tagging;

/// <summary>The Tagging API over AWS JSON 1.1; paging on <c>PaginationToken</c> (AWS ends with an empty one, moto with none).</summary>
internal sealed class ResourceGroupsTaggingApi(JsonProtocolClient client) : IResourceGroupsTaggingApi
{
    public Task<IReadOnlyList<ResourceTagMapping>> GetResourcesAsync(GetResourcesRequest request, CancellationToken ct) =>
        client.AllAsync<GetResourcesRequest, GetResourcesResponse, ResourceTagMapping>(
            "GetResources", request, r => r.ResourceTagMappingList, r => r.PaginationToken, (q, token) => q with { PaginationToken = token }, ct);
}
