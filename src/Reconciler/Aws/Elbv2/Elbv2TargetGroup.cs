namespace Reconciler.Aws.Elbv2;

/// <summary>A target group as DescribeTargetGroups reports it (the fields we read).</summary>
internal sealed record Elbv2TargetGroup(
    string Arn,
    string Name,
    string Protocol,
    int Port,
    string VpcId,
    string TargetType,
    Elbv2HealthCheck HealthCheck);
