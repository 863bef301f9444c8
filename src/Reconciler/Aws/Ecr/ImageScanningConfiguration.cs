using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecr;

internal sealed record ImageScanningConfiguration([property: JsonPropertyName("scanOnPush")] bool ScanOnPush);
