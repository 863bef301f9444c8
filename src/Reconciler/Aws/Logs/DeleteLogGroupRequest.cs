using System.Text.Json.Serialization;

namespace Reconciler.Aws.Logs;

internal sealed record DeleteLogGroupRequest([property: JsonPropertyName("logGroupName")] string LogGroupName);
