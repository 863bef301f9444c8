using System.Text.Json.Serialization;

namespace Reconciler.Aws.Logs;

internal sealed record PutRetentionPolicyRequest(
    [property: JsonPropertyName("logGroupName")] string LogGroupName,
    [property: JsonPropertyName("retentionInDays")] int RetentionInDays);
