using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

/// <summary>The validation state of one domain of a certificate; <see cref="ResourceRecord"/> appears a few seconds after the request.</summary>
internal sealed record DomainValidation(
    [property: JsonPropertyName("DomainName")] string DomainName,
    [property: JsonPropertyName("ValidationStatus")] string? ValidationStatus,
    [property: JsonPropertyName("ValidationMethod")] string? ValidationMethod,
    [property: JsonPropertyName("ResourceRecord")] AcmResourceRecord? ResourceRecord);
