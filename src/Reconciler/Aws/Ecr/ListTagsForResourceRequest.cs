using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecr;

internal sealed record ListTagsForResourceRequest([property: JsonPropertyName("resourceArn")] string ResourceArn);
