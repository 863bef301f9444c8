using System.Text.Json.Serialization;

namespace Reconciler.Aws.Tagging;

/// <summary>A tag key and the values it may have (any of them; none: any value).</summary>
internal sealed record TagFilter(
    [property: JsonPropertyName("Key")] string Key,
    [property: JsonPropertyName("Values")] IReadOnlyList<string>? Values);
