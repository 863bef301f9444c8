using System.Text.Json.Serialization;

namespace Reconciler.Aws.Tagging;

internal sealed record GetResourcesResponse(
    [property: JsonPropertyName("ResourceTagMappingList")] IReadOnlyList<ResourceTagMapping>? ResourceTagMappingList,
    [property: JsonPropertyName("PaginationToken")] string? PaginationToken);
