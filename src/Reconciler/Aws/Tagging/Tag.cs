using System.Text.Json.Serialization;

namespace Reconciler.Aws.Tagging;

internal sealed record Tag(
    [property: JsonPropertyName("Key")] string Key,
    [property: JsonPropertyName("Value")] string? Value);
