using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecr;

internal sealed record DescribeRepositoriesResponse(
    [property: JsonPropertyName("repositories")] IReadOnlyList<Repository>? Repositories,
    [property: JsonPropertyName("nextToken")] string? NextToken);
