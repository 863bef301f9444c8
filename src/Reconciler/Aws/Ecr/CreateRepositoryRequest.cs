using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecr;

internal sealed record CreateRepositoryRequest(
    [property: JsonPropertyName("repositoryName")] string RepositoryName,
    [property: JsonPropertyName("imageTagMutability")] string ImageTagMutability,
    [property: JsonPropertyName("imageScanningConfiguration")] ImageScanningConfiguration ImageScanningConfiguration,
    [property: JsonPropertyName("tags")] IReadOnlyList<Tag> Tags);
