namespace Reconciler.Aws.Elbv2;

/// <summary>
/// The ELBv2 operations we call, named after the official SDK's <c>IAmazonElasticLoadBalancingV2</c>, so that a
/// later swap to the package is mechanical. Describe methods return every page (Marker/NextMarker).
/// </summary>
internal interface IElasticLoadBalancingV2Api
{
    Task<IReadOnlyList<Elbv2LoadBalancer>> DescribeLoadBalancersAsync(CancellationToken ct);

    Task<IReadOnlyList<Elbv2TargetGroup>> DescribeTargetGroupsAsync(CancellationToken ct);

    Task<IReadOnlyList<Elbv2Listener>> DescribeListenersAsync(string loadBalancerArn, CancellationToken ct);

    /// <summary>
    /// The listeners named, across load balancers (at most <see cref="ElasticLoadBalancingV2Api.ListenerBatch"/> per
    /// call is what the callers send). AWS answers ListenerNotFound when one is gone; moto_server only when none is
    /// found, and otherwise leaves the missing ones out: a caller checks that every ARN came back.
    /// </summary>
    Task<IReadOnlyList<Elbv2Listener>> DescribeListenersAsync(IReadOnlyList<string> listenerArns, CancellationToken ct);

    /// <summary>The tags of each ARN, asked in batches of 20 (the API's limit per call).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> DescribeTagsAsync(IReadOnlyList<string> arns, CancellationToken ct);

    Task<Elbv2LoadBalancer> CreateLoadBalancerAsync(CreateLoadBalancerRequest request, CancellationToken ct);

    Task SetSubnetsAsync(string loadBalancerArn, IReadOnlyCollection<string> subnets, CancellationToken ct);

    Task SetSecurityGroupsAsync(string loadBalancerArn, IReadOnlyCollection<string> securityGroups, CancellationToken ct);

    Task DeleteLoadBalancerAsync(string loadBalancerArn, CancellationToken ct);

    Task<Elbv2TargetGroup> CreateTargetGroupAsync(CreateTargetGroupRequest request, CancellationToken ct);

    Task ModifyTargetGroupAsync(string targetGroupArn, Elbv2HealthCheck healthCheck, CancellationToken ct);

    Task DeleteTargetGroupAsync(string targetGroupArn, CancellationToken ct);

    Task<Elbv2Listener> CreateListenerAsync(string loadBalancerArn, ListenerSettings settings, IReadOnlyDictionary<string, string> tags, CancellationToken ct);

    Task ModifyListenerAsync(string listenerArn, ListenerSettings settings, CancellationToken ct);

    Task DeleteListenerAsync(string listenerArn, CancellationToken ct);

    Task AddTagsAsync(string arn, IReadOnlyDictionary<string, string> tags, CancellationToken ct);

    /// <summary>The ARNs of a listener's rules other than its default one (import's check: the spec has no field for them).</summary>
    Task<IReadOnlyList<string>> DescribeRulesAsync(string listenerArn, CancellationToken ct);
}
