using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// EC2 refuses to detach an internet gateway from a VPC while public addresses are mapped in it (Elastic IPs of
/// instances and NAT gateways); moto detaches. The rule follows the addresses mapped through the proxy.
/// </summary>
internal sealed partial class MappedAddressesRule : BehaviourRule
{
    private readonly ConcurrentDictionary<string, string> _subnetVpc = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _instanceVpc = new(StringComparer.Ordinal);

    /// <summary>What holds a mapped address (an association id, or a NAT gateway id) and the VPC it is in.</summary>
    private readonly ConcurrentDictionary<string, (string Vpc, string Instance)> _mapped = new(StringComparer.Ordinal);

    public override string Behaviour => "DetachInternetGateway answers DependencyViolation while an Elastic IP is associated with an instance or NAT gateway in the VPC.";

    public override string Source => "https://github.com/hashicorp/terraform/issues/1303 and https://github.com/hashicorp/terraform/issues/497 (\"Network vpc-... has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.\")";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (!answer.Ok || request.Service != "ec2")
        {
            return;
        }

        switch (request.Operation)
        {
            case "CreateSubnet" when Element("subnetId").Match(answer.Text) is { Success: true } subnet && Element("vpcId").Match(answer.Text) is { Success: true } vpc:
                _subnetVpc[subnet.Groups[1].Value] = vpc.Groups[1].Value;
                break;
            case "RunInstances" when Element("subnetId").Match(answer.Text) is { Success: true } subnet && _subnetVpc.TryGetValue(subnet.Groups[1].Value, out var vpc):
                foreach (Match instance in Element("instanceId").Matches(answer.Text))
                {
                    _instanceVpc[instance.Groups[1].Value] = vpc;
                }

                break;
            case "AssociateAddress" when request.Param("InstanceId") is { } instance && _instanceVpc.TryGetValue(instance, out var vpc) &&
                                         Element("associationId").Match(answer.Text) is { Success: true } association:
                _mapped[association.Groups[1].Value] = (vpc, instance);
                break;
            case "DisassociateAddress" when request.Param("AssociationId") is { } association:
                _mapped.TryRemove(association, out _);
                break;
            case "TerminateInstances":
                var gone = request.Form.Where(kv => kv.Key.StartsWith("InstanceId.", StringComparison.Ordinal)).Select(kv => kv.Value).ToHashSet(StringComparer.Ordinal);
                foreach (var key in _mapped.Where(kv => gone.Contains(kv.Value.Instance)).Select(kv => kv.Key).ToList())
                {
                    _mapped.TryRemove(key, out _);
                }

                break;
            case "CreateNatGateway" when request.Param("AllocationId") is not null && request.Param("SubnetId") is { } subnet &&
                                         _subnetVpc.TryGetValue(subnet, out var vpc) && Element("natGatewayId").Match(answer.Text) is { Success: true } nat:
                _mapped[nat.Groups[1].Value] = (vpc, string.Empty);
                break;
            case "DeleteNatGateway" when request.Param("NatGatewayId") is { } nat:
                _mapped.TryRemove(nat, out _);
                break;
        }
    }

    public override AwsAnswer? Before(AwsRequest request, DateTimeOffset now) =>
        request.Is("ec2", "DetachInternetGateway") && request.Param("VpcId") is { } vpc && _mapped.Values.Any(m => m.Vpc == vpc)
            ? AwsAnswer.Error(request, "DependencyViolation", $"Network {vpc} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.")
            : null;

    private static Regex Element(string name) => name switch
    {
        "subnetId" => SubnetId(),
        "vpcId" => VpcId(),
        "instanceId" => InstanceId(),
        "associationId" => AssociationId(),
        _ => NatGatewayId(),
    };

    [GeneratedRegex(@"<subnetId>([^<]+)</subnetId>")]
    private static partial Regex SubnetId();

    [GeneratedRegex(@"<vpcId>([^<]+)</vpcId>")]
    private static partial Regex VpcId();

    [GeneratedRegex(@"<instanceId>([^<]+)</instanceId>")]
    private static partial Regex InstanceId();

    [GeneratedRegex(@"<associationId>([^<]+)</associationId>")]
    private static partial Regex AssociationId();

    [GeneratedRegex(@"<natGatewayId>([^<]+)</natGatewayId>")]
    private static partial Regex NatGatewayId();
}
