using System.Text.Json.Serialization;

namespace Reconciler.Aws.Logs;

/// <summary><see cref="LogGroupIdentifiers"/> (up to 50 names or ARNs) and <see cref="LogGroupNamePrefix"/> exclude each other.</summary>
internal sealed record DescribeLogGroupsRequest(
    [property: JsonPropertyName("logGroupIdentifiers")] IReadOnlyList<string>? LogGroupIdentifiers = null,
    [property: JsonPropertyName("logGroupNamePrefix")] string? LogGroupNamePrefix = null,
    [property: JsonPropertyName("nextToken")] string? NextToken = null);
