using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecr;

internal sealed record DescribeRepositoriesRequest(
    [property: JsonPropertyName("repositoryNames")] IReadOnlyList<string>? RepositoryNames = null,
    [property: JsonPropertyName("nextToken")] string? NextToken = null,
    [property: JsonPropertyName("maxResults")] int? MaxResults = null);
