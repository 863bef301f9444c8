using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecr;

internal sealed record Repository(
    [property: JsonPropertyName("repositoryArn")] string RepositoryArn,
    [property: JsonPropertyName("repositoryName")] string RepositoryName,
    [property: JsonPropertyName("repositoryUri")] string RepositoryUri,
    [property: JsonPropertyName("imageTagMutability")] string? ImageTagMutability,
    [property: JsonPropertyName("imageScanningConfiguration")] ImageScanningConfiguration? ImageScanningConfiguration);
