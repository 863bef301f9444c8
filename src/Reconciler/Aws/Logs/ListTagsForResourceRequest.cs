using System.Text.Json.Serialization;

namespace Reconciler.Aws.Logs;

internal sealed record ListTagsForResourceRequest([property: JsonPropertyName("resourceArn")] string ResourceArn);
