using Reconciler.Aws.Http;

namespace Reconciler.Aws.Tagging;

/// <summary>The Tagging API over AWS JSON 1.1; paging on <c>PaginationToken</c> (AWS ends with an empty one, moto with none).</summary>
internal sealed class ResourceGroupsTaggingApi(JsonProtocolClient client) : IResourceGroupsTaggingApi
{
    public async Task<IReadOnlyList<ResourceTagMapping>> GetResourcesAsync(GetResourcesRequest request, CancellationToken ct)
    {
        var result = new List<ResourceTagMapping>();
        var page = request;
        while (true)
        {
            var response = await client.CallAsync<GetResourcesRequest, GetResourcesResponse>("GetResources", page, CallPurpose.Read, ct).ConfigureAwait(false);
            result.AddRange(response.ResourceTagMappingList ?? []);
            if (string.IsNullOrEmpty(response.PaginationToken))
            {
                return result;
            }

            page = page with { PaginationToken = response.PaginationToken };
        }
    }
}
