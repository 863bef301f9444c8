namespace Reconciler.Aws.Elbv2;

/// <summary>
/// A target group's health check with every setting the API has (CreateTargetGroup, ModifyTargetGroup and the
/// TargetGroup type of the ELBv2 API reference), as the official SDK's types carry them: a kind that starts to manage
/// one more of them changes its own folder, not this client. A null setting is not sent (AWS keeps or defaults it).
/// </summary>
internal sealed record Elbv2HealthCheck(
    string Path,
    string SuccessCodes,
    int IntervalSeconds,
    int HealthyThreshold,
    int UnhealthyThreshold,
    int? TimeoutSeconds = null,
    string? Protocol = null,
    string? Port = null,
    bool? Enabled = null);
