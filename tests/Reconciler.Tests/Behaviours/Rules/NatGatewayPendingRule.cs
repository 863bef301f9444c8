using System.Text.RegularExpressions;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>A new NAT gateway is <c>pending</c> for a while (minutes on AWS) before <c>available</c>; moto is available at once.</summary>
internal sealed partial class NatGatewayPendingRule(TimeSpan? window = null) : BehaviourRule
{
    private readonly TimeMarks _created = new();

    public TimeSpan Window { get; } = window ?? TimeSpan.FromSeconds(2);

    public override string Behaviour => "DescribeNatGateways shows a NAT gateway in state pending for the window from the first time it is described.";

    public override string Source => "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-working-with.html (the status is Pending while it is created, then Available); https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (answer.Ok && request.Is("ec2", "CreateNatGateway") && Id().Match(answer.Text) is { Success: true } id)
        {
            _created.MarkFirst(id.Groups[1].Value, now);
        }
    }

    public override AwsAnswer After(AwsRequest request, AwsAnswer answer, DateTimeOffset now) =>
        !answer.Ok || !request.Is("ec2", "DescribeNatGateways") ? answer : XmlRewrite.Apply(answer, document =>
        {
            var changed = false;
            foreach (var gateway in document.Named("natGatewayId").Where(a => _created.WithinFirstLook(a.Value, now, Window)).Select(a => a.Parent!))
            {
                if (gateway.Child("state") is { Value: "available" } state)
                {
                    state.Value = "pending";
                    changed = true;
                }
            }

            return changed;
        });

    [GeneratedRegex(@"<natGatewayId>([^<]+)</natGatewayId>")]
    private static partial Regex Id();
}
