using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

internal sealed record AcmTag([property: JsonPropertyName("Key")] string Key, [property: JsonPropertyName("Value")] string? Value);
