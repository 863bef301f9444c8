using System.Text.Json.Serialization;

namespace Reconciler.Aws.Logs;

internal sealed record CreateLogGroupRequest(
    [property: JsonPropertyName("logGroupName")] string LogGroupName,
    [property: JsonPropertyName("tags")] IReadOnlyDictionary<string, string> Tags);
