namespace Reconciler.Aws.Elbv2;

/// <summary>A listener as DescribeListeners reports it (the fields we read).</summary>
internal sealed record Elbv2Listener(
    string Arn,
    string LoadBalancerArn,
    string Protocol,
    int Port,
    string? CertificateArn,
    IReadOnlyList<Elbv2Action> DefaultActions);
