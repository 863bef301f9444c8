using System.Text.Json.Serialization;

namespace Reconciler.Aws.Logs;

internal sealed record DeleteRetentionPolicyRequest([property: JsonPropertyName("logGroupName")] string LogGroupName);
