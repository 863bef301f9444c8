using System.Text.RegularExpressions;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>A new load balancer is <c>provisioning</c> for a while before <c>active</c>; moto makes it active at once.</summary>
internal sealed partial class LoadBalancerProvisioningRule(TimeSpan? window = null) : BehaviourRule
{
    private readonly TimeMarks _created = new();

    public TimeSpan Window { get; } = window ?? TimeSpan.FromSeconds(2);

    public override string Behaviour => "DescribeLoadBalancers shows a load balancer in state provisioning for the window from the first time it is described.";

    public override string Source => "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerState.html (active | provisioning | active_impaired | failed)";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (answer.Ok && request.Is("elasticloadbalancing", "CreateLoadBalancer") && Arn().Match(answer.Text) is { Success: true } arn)
        {
            _created.MarkFirst(arn.Groups[1].Value, now);
        }
    }

    public override AwsAnswer After(AwsRequest request, AwsAnswer answer, DateTimeOffset now) =>
        !answer.Ok || !request.Is("elasticloadbalancing", "DescribeLoadBalancers") ? answer : XmlRewrite.Apply(answer, document =>
        {
            var changed = false;
            foreach (var balancer in document.Named("LoadBalancerArn").Where(a => _created.WithinFirstLook(a.Value, now, Window)).Select(a => a.Parent!))
            {
                if (balancer.Child("State")?.Child("Code") is { Value: "active" } code)
                {
                    code.Value = "provisioning";
                    changed = true;
                }
            }

            return changed;
        });

    [GeneratedRegex(@"<LoadBalancerArn>([^<]+)</LoadBalancerArn>")]
    private static partial Regex Arn();
}
