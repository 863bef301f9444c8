namespace Reconciler.Security;

/// <summary>
/// The one table of what the controller may call, per kind: every IAM action its provider's API calls need
/// (<see cref="ByKind"/>), and the actions AWS checks besides the call itself (<see cref="ImpliedByKind"/>: passing a
/// role, a service-linked role created on first use, tags sent in a create). A test keeps <see cref="ByKind"/> equal to
/// the operations the clients actually call (every one granted, none granted unused); <c>reconciler iam-policy</c>
/// turns it into a policy for the kinds a set of specs uses.
/// </summary>
internal static class IamActions
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByKind { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["vpc"] = ["ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:CreateVpc", "ec2:ModifyVpcAttribute", "ec2:DeleteVpc", "ec2:CreateTags"],
        ["subnet"] = ["ec2:DescribeSubnets", "ec2:CreateSubnet", "ec2:ModifySubnetAttribute", "ec2:DeleteSubnet", "ec2:CreateTags"],
        ["internet-gateway"] = ["ec2:DescribeInternetGateways", "ec2:CreateInternetGateway", "ec2:AttachInternetGateway", "ec2:DetachInternetGateway", "ec2:DeleteInternetGateway", "ec2:CreateTags"],
        ["elastic-ip"] = ["ec2:DescribeAddresses", "ec2:AllocateAddress", "ec2:AssociateAddress", "ec2:DisassociateAddress", "ec2:ReleaseAddress", "ec2:CreateTags"],
        ["nat-gateway"] = ["ec2:DescribeNatGateways", "ec2:CreateNatGateway", "ec2:DeleteNatGateway", "ec2:CreateTags"],
        ["route-table"] =
        [
            "ec2:DescribeRouteTables", "ec2:CreateRouteTable", "ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute", "ec2:AssociateRouteTable",
            "ec2:ReplaceRouteTableAssociation", "ec2:DisassociateRouteTable", "ec2:DeleteRouteTable", "ec2:CreateTags",
        ],
        ["security-group"] =
        [
            "ec2:DescribeSecurityGroups", "ec2:CreateSecurityGroup", "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
            "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:DeleteSecurityGroup", "ec2:CreateTags",
        ],
        ["instance"] = InstancePermissions.Value.Actions,
        ["iam-role"] = IamRolePermissions.Value.Actions,
        ["instance-profile"] = InstanceProfilePermissions.Value.Actions,
        ["role-policy"] = RolePolicyPermissions.Value.Actions,
        ["hosted-zone"] =
        [
            "route53:ListHostedZonesByName", "route53:GetHostedZone", "route53:CreateHostedZone", "route53:DeleteHostedZone",
            "route53:ListTagsForResource", "route53:ChangeTagsForResource", "route53:ListResourceRecordSets", "route53:ChangeResourceRecordSets",
        ],
        ["dns-record"] = ["route53:ListHostedZonesByName", "route53:ListResourceRecordSets", "route53:ChangeResourceRecordSets"],
        ["certificate"] =
        [
            "tag:GetResources", "acm:ListCertificates", "acm:DescribeCertificate", "acm:ListTagsForCertificate", "acm:RequestCertificate", "acm:AddTagsToCertificate",
            "acm:DeleteCertificate",
            "route53:ListHostedZonesByName", "route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:ChangeResourceRecordSets",
        ],
        ["log-group"] = LogGroupPermissions.Value.Actions,
        ["ecr-repository"] = EcrRepositoryPermissions.Value.Actions,
        ["s3-bucket"] = BucketPermissions.Value.Actions,
        ["ecs-cluster"] = ["tag:GetResources", "ecs:DescribeClusters", "ecs:CreateCluster", "ecs:TagResource", "ecs:DeleteCluster"],
        ["task-definition"] =
        [
            "tag:GetResources", "ecs:ListTaskDefinitions", "ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition",
            "ecs:DeregisterTaskDefinition", "ecs:TagResource",
        ],
        ["ecs-service"] =
        [
            "tag:GetResources", "ecs:DescribeClusters", "ecs:DescribeServices", "ecs:CreateService", "ecs:UpdateService",
            "ecs:DeleteService", "ecs:TagResource",

            // beforeDeploy one-off tasks (BeforeDeployRunner): run with the new revision, found again, stopped on timeout.
            "ecs:RunTask", "ecs:ListTasks", "ecs:DescribeTasks", "ecs:StopTask",
        ],
        ["target-group"] = TargetGroupPermissions.Value.Actions,
        ["load-balancer"] =
        [
            "tag:GetResources", "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTags", "elasticloadbalancing:CreateLoadBalancer",
            "elasticloadbalancing:SetSubnets", "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:AddTags",
            "elasticloadbalancing:DeleteLoadBalancer",
        ],
        ["listener"] =
        [
            "tag:GetResources", "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeTags",
            "elasticloadbalancing:CreateListener", "elasticloadbalancing:ModifyListener", "elasticloadbalancing:AddTags",
            "elasticloadbalancing:DeleteListener",
        ],
        ["db-subnet-group"] = DbSubnetGroupPermissions.Value.Actions,
        ["db-instance"] = DbInstancePermissions.Value.Actions,
    };

    /// <summary>Actions AWS checks on top of the calls above; none is an operation a client calls.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ImpliedByKind { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["instance"] = InstancePermissions.Value.Implied!,
        // RegisterTaskDefinition with an execution or task role passes it to ECS tasks.
        ["task-definition"] = [PassRole],
        ["iam-role"] = IamRolePermissions.Value.Implied!,
        ["instance-profile"] = InstanceProfilePermissions.Value.Implied!,
        ["s3-bucket"] = BucketPermissions.Value.Implied!,
        // The first ALB, ECS service or RDS instance of an account creates the service's linked role.
        ["load-balancer"] = [CreateServiceLinkedRole],
        ["ecs-service"] = [CreateServiceLinkedRole],
        ["db-instance"] = DbInstancePermissions.Value.Implied!,
    };

    public const string PassRole = "iam:PassRole";

    public const string CreateServiceLinkedRole = "iam:CreateServiceLinkedRole";

    /// <summary>The service that a kind's first use creates a linked role for (iam:AWSServiceName).</summary>
    public static IReadOnlyDictionary<string, string> LinkedRoleService { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["load-balancer"] = "elasticloadbalancing.amazonaws.com",
        ["ecs-service"] = "ecs.amazonaws.com",
        ["db-instance"] = DbInstancePermissions.Value.LinkedRoleService!,
    };

    /// <summary>An S3 source of specs (<c>--source s3://BUCKET/PREFIX</c>): list, read, and write back (set-image).</summary>
    public static IReadOnlyList<string> SourceActions { get; } = ["s3:ListBucket", "s3:GetObject", "s3:PutObject"];

    /// <summary>
    /// Several replicas (<c>run --lease-table NAME</c>): the lease table is checked at start, read with Scan, and written
    /// with conditional UpdateItem (leases), PutItem and DeleteItem (heartbeats).
    /// </summary>
    public static IReadOnlyList<string> LeaseActions { get; } = ["dynamodb:DescribeTable", "dynamodb:Scan", "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:DeleteItem"];

    /// <summary>With <c>--create-lease-table</c>: the table is created when missing.</summary>
    public static IReadOnlyList<string> LeaseTableCreateActions { get; } = ["dynamodb:CreateTable"];

    /// <summary>The IAM action of an API operation where the two names differ (S3's); otherwise <c>prefix:Operation</c>.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["s3:ListBuckets"] = "s3:ListAllMyBuckets",
        ["s3:GetPublicAccessBlock"] = "s3:GetBucketPublicAccessBlock",
        ["s3:PutPublicAccessBlock"] = "s3:PutBucketPublicAccessBlock",
        ["s3:GetBucketEncryption"] = "s3:GetEncryptionConfiguration",
        ["s3:PutBucketEncryption"] = "s3:PutEncryptionConfiguration",
    };

    public static string ActionFor(string prefix, string operation)
    {
        var action = $"{prefix}:{operation}";
        return Renamed.GetValueOrDefault(action, action);
    }
}
