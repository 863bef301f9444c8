namespace Reconciler.Aws.Elbv2;

/// <summary>An application load balancer, its tags set in the create call.</summary>
internal sealed record CreateLoadBalancerRequest(
    string Name,
    string Scheme,
    IReadOnlyCollection<string> Subnets,
    IReadOnlyCollection<string> SecurityGroups,
    IReadOnlyDictionary<string, string> Tags);
