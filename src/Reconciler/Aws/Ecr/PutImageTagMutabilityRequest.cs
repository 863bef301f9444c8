using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecr;

internal sealed record PutImageTagMutabilityRequest(
    [property: JsonPropertyName("repositoryName")] string RepositoryName,
    [property: JsonPropertyName("imageTagMutability")] string ImageTagMutability);
