using Reconciler.Tests.Behaviours.Rules;

namespace Reconciler.Tests.Behaviours;

/// <summary>The rules of the behaviours layer, in the priority order, each with fresh state and default windows.</summary>
internal static class BehaviourRules
{
    public static IReadOnlyList<BehaviourRule> All() =>
    [
        new TaskRoleArnsRule(),
        new ListTasksStartedByAloneRule(),
        new IamPropagationRule(),
        new CertificateInUseRule(),
        new TaggingLagRule(),
        new DescribeAfterCreateRule(),
        new LoadBalancerProvisioningRule(),
        new NatGatewayPendingRule(),
        new DbInstanceLifecycleRule(),
        new LingeringNetworkInterfacesRule(),
        new Route53NameFormRule(),
        new HealthCheckIntervalRule(),
        new EnvironmentOrderRule(),
        new MappedAddressesRule(),
        new DeploymentRollingRule(),
        new IamPropagationToEcsRule(),
        new NameRulesRule(),
        new ListOrderRule(),
        new EcsServiceDrainingRule(),
        new InstanceStoppingRule(),
    ];
}
