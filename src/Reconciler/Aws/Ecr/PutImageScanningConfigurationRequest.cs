using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecr;

internal sealed record PutImageScanningConfigurationRequest(
    [property: JsonPropertyName("repositoryName")] string RepositoryName,
    [property: JsonPropertyName("imageScanningConfiguration")] ImageScanningConfiguration ImageScanningConfiguration);
