using System.Text.Json.Serialization;

namespace Reconciler.Aws.Logs;

internal sealed record DescribeLogGroupsResponse(
    [property: JsonPropertyName("logGroups")] IReadOnlyList<LogGroup>? LogGroups,
    [property: JsonPropertyName("nextToken")] string? NextToken);
