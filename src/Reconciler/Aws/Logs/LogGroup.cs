using System.Text.Json.Serialization;

namespace Reconciler.Aws.Logs;

/// <summary><see cref="LogGroupArn"/> is the ARN without the <c>:*</c> suffix that the older <c>arn</c> member carries.</summary>
internal sealed record LogGroup(
    [property: JsonPropertyName("logGroupName")] string LogGroupName,
    [property: JsonPropertyName("logGroupArn")] string? LogGroupArn,
    [property: JsonPropertyName("retentionInDays")] int? RetentionInDays);
