using System.Text.Json.Serialization;

namespace Reconciler.Aws.Tagging;

internal sealed record GetResourcesRequest(
    [property: JsonPropertyName("TagFilters")] IReadOnlyList<TagFilter> TagFilters,
    [property: JsonPropertyName("ResourceTypeFilters")] IReadOnlyList<string> ResourceTypeFilters,
    [property: JsonPropertyName("PaginationToken")] string? PaginationToken = null,
    [property: JsonPropertyName("ResourcesPerPage")] int? ResourcesPerPage = null);
