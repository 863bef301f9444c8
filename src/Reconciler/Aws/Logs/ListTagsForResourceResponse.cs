using System.Text.Json.Serialization;

namespace Reconciler.Aws.Logs;

internal sealed record ListTagsForResourceResponse([property: JsonPropertyName("tags")] IReadOnlyDictionary<string, string>? Tags);
