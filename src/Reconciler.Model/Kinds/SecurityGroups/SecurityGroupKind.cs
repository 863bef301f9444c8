using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The security-group kind: VPC, name and description are fixed by CreateSecurityGroup (no call changes them: EC2 API
/// reference); ingress and egress rules change in place, rule by rule (Authorize/RevokeSecurityGroupIngress/Egress).
/// </summary>
internal static class SecurityGroupKind
{
    public const string Vpc = "vpc";
    public const string Name = "name";
    public const string Description = "description";
    public const string Ingress = "ingress";
    public const string Egress = "egress";

    public static ResourceKind Kind { get; } = ResourceKind.Define("security-group", 20,
        "A security group (`spec.securityGroups[]`), named `<environment>-<name>`; rules naming other groups wait for those groups to exist.",
        [
            new(Vpc, "the environment's VPC", ForcesReplacement: true),
            new(Name, "`<environment>-<name>`, or the entry's `awsName` as given", ForcesReplacement: true),
            new(Description, "the group's description", ForcesReplacement: true),
            new(Ingress, "inbound rules as `protocol:from-to:target` (a set)"),
            new(Egress, "outbound rules; AWS's allow-all rule when the spec gives none (a set)"),
        ]);
}
