using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecr;

internal sealed record TagResourceRequest(
    [property: JsonPropertyName("resourceArn")] string ResourceArn,
    [property: JsonPropertyName("tags")] IReadOnlyList<Tag> Tags);
