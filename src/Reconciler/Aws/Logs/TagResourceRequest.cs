using System.Text.Json.Serialization;

namespace Reconciler.Aws.Logs;

internal sealed record TagResourceRequest(
    [property: JsonPropertyName("resourceArn")] string ResourceArn,
    [property: JsonPropertyName("tags")] IReadOnlyDictionary<string, string> Tags);
