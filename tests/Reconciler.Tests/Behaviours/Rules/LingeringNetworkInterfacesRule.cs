using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// An application load balancer's network interfaces outlive DeleteLoadBalancer for a while and keep its security groups
/// and subnets busy; moto frees them at once. Scaled down to <see cref="Window"/>.
/// </summary>
internal sealed partial class LingeringNetworkInterfacesRule(TimeSpan? window = null) : BehaviourRule
{
    private readonly ConcurrentDictionary<string, string[]> _uses = new(StringComparer.Ordinal);
    private readonly TimeMarks _released = new();

    public TimeSpan Window { get; } = window ?? TimeSpan.FromSeconds(2);

    public override string Behaviour => "DeleteSecurityGroup / DeleteSubnet of a group or subnet a just-deleted load balancer used answers DependencyViolation for the window.";

    public override string Source => "https://github.com/hashicorp/terraform/issues/3758 (\"When an ELB is destroyed, its network interfaces can take a while to go away (some minutes)\": DependencyViolation on the group); https://github.com/alantech/iasql/pull/654 (the ENI \"ELB app/...\" holding the group)";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (!answer.Ok || request.Service != "elasticloadbalancing")
        {
            return;
        }

        if (request.Operation == "CreateLoadBalancer" && Arn().Match(answer.Text) is { Success: true } arn)
        {
            _uses[arn.Groups[1].Value] = [.. request.ParamsMatching(Used())];
        }
        else if (request.Operation == "DeleteLoadBalancer" && request.Param("LoadBalancerArn") is { } balancer && _uses.TryRemove(balancer, out var used))
        {
            foreach (var id in used)
            {
                _released.Mark(id, now);
            }
        }
    }

    public override AwsAnswer? Before(AwsRequest request, DateTimeOffset now) => request switch
    {
        { Service: "ec2", Operation: "DeleteSecurityGroup" } when request.Param("GroupId") is { } group && _released.WithinFirstLook(group, now, Window) =>
            AwsAnswer.Error(request, "DependencyViolation", $"resource {group} has a dependent object"),
        { Service: "ec2", Operation: "DeleteSubnet" } when request.Param("SubnetId") is { } subnet && _released.WithinFirstLook(subnet, now, Window) =>
            AwsAnswer.Error(request, "DependencyViolation", $"The subnet '{subnet}' has dependencies and cannot be deleted."),
        _ => null,
    };

    [GeneratedRegex(@"^(SecurityGroups\.member\.\d+|Subnets\.member\.\d+|SubnetMappings\.member\.\d+\.SubnetId)$")]
    private static partial Regex Used();

    [GeneratedRegex(@"<LoadBalancerArn>([^<]+)</LoadBalancerArn>")]
    private static partial Regex Arn();
}
