using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecr;

internal sealed record ListTagsForResourceResponse([property: JsonPropertyName("tags")] IReadOnlyList<Tag>? Tags);
