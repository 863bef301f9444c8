using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

/// <summary>The DNS record ACM wants to see for a domain: a CNAME, names with a trailing dot.</summary>
internal sealed record AcmResourceRecord(
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("Type")] string Type,
    [property: JsonPropertyName("Value")] string Value);
