namespace Reconciler.Aws.Elbv2;

/// <summary>A target group, its tags set in the create call.</summary>
internal sealed record CreateTargetGroupRequest(
    string Name,
    string Protocol,
    int Port,
    string VpcId,
    string TargetType,
    Elbv2HealthCheck HealthCheck,
    IReadOnlyDictionary<string, string> Tags);
