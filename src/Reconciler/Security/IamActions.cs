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
        ["vpc"] = VpcPermissions.Value.Actions,
        ["subnet"] = SubnetPermissions.Value.Actions,
        ["internet-gateway"] = InternetGatewayPermissions.Value.Actions,
        ["elastic-ip"] = ElasticIpPermissions.Value.Actions,
        ["nat-gateway"] = NatGatewayPermissions.Value.Actions,
        ["route-table"] = RouteTablePermissions.Value.Actions,
        ["security-group"] = SecurityGroupPermissions.Value.Actions,
        ["instance"] =
        [
            "ec2:DescribeInstances", "ec2:RunInstances", "ec2:ModifyInstanceAttribute", "ec2:ModifyInstanceMetadataOptions", "ec2:StopInstances",
            "ec2:StartInstances", "ec2:TerminateInstances", "ec2:CreateTags", "ec2:DeleteTags",
            "ssm:GetParameter", // image: ecs-optimized, from AWS's public parameter
        ],
        ["iam-role"] = ["iam:GetRole", "iam:CreateRole", "iam:ListAttachedRolePolicies", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"],
        ["instance-profile"] =
        [
            "iam:GetInstanceProfile", "iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile",
            "iam:GetRole", "iam:CreateRole", "iam:ListAttachedRolePolicies", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy",
        ],
        // The execution role's inline policy reconciler-<environment>-secrets (RolePolicyProvider): by name only.
        ["role-policy"] = ["iam:GetRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy"],
        ["hosted-zone"] = HostedZonePermissions.Value.Actions,
        ["dns-record"] = DnsRecordPermissions.Value.Actions,
        ["certificate"] = CertificatePermissions.Value.Actions,
        ["log-group"] =
        [
            "logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy",
            "logs:TagResource", "logs:DeleteLogGroup", "tag:GetResources",
        ],
        ["ecr-repository"] =
        [
            "tag:GetResources", "ecr:DescribeRepositories", "ecr:ListTagsForResource", "ecr:CreateRepository", "ecr:PutImageScanningConfiguration",
            "ecr:PutImageTagMutability", "ecr:TagResource", "ecr:DeleteRepository",
        ],
        ["s3-bucket"] =
        [
            "tag:GetResources", "s3:ListAllMyBuckets", "s3:GetBucketTagging", "s3:GetBucketVersioning", "s3:GetBucketPublicAccessBlock", "s3:GetEncryptionConfiguration",
            "s3:CreateBucket", "s3:PutBucketTagging", "s3:PutBucketPublicAccessBlock", "s3:PutEncryptionConfiguration", "s3:PutBucketVersioning",
            "s3:DeleteBucket",
        ],
        ["ecs-cluster"] = EcsClusterPermissions.Value.Actions,
        ["task-definition"] = TaskDefinitionPermissions.Value.Actions,
        ["ecs-service"] = EcsServicePermissions.Value.Actions,
        ["target-group"] = TargetGroupPermissions.Value.Actions,
        ["load-balancer"] = LoadBalancerPermissions.Value.Actions,
        ["listener"] = ListenerPermissions.Value.Actions,
        ["db-subnet-group"] =
        [
            "tag:GetResources", "rds:DescribeDBSubnetGroups", "rds:ListTagsForResource", "rds:CreateDBSubnetGroup", "rds:ModifyDBSubnetGroup", "rds:AddTagsToResource",
            "rds:DeleteDBSubnetGroup",
        ],
        ["db-instance"] = ["rds:DescribeDBInstances", "rds:CreateDBInstance", "rds:ModifyDBInstance", "rds:AddTagsToResource", "rds:DeleteDBInstance"],
    };

    /// <summary>Actions AWS checks on top of the calls above; none is an operation a client calls.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ImpliedByKind { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        // RunInstances with an instance profile passes its role to EC2.
        ["instance"] = [PassRole],
        // RegisterTaskDefinition with an execution or task role passes it to ECS tasks.
        ["task-definition"] = TaskDefinitionPermissions.Value.Implied!,
        // CreateRole and CreateInstanceProfile carry tags (reconciler:shared).
        ["iam-role"] = ["iam:TagRole"],
        ["instance-profile"] = ["iam:TagRole", "iam:TagInstanceProfile"],
        // CreateBucket with tags in its configuration.
        ["s3-bucket"] = ["s3:TagResource"],
        // The first ALB, ECS service or RDS instance of an account creates the service's linked role.
        ["load-balancer"] = LoadBalancerPermissions.Value.Implied!,
        ["ecs-service"] = EcsServicePermissions.Value.Implied!,
        // ManageMasterUserPassword: RDS keeps the password in a Secrets Manager secret it creates as the caller.
        ["db-instance"] = [CreateServiceLinkedRole, "secretsmanager:CreateSecret", "secretsmanager:TagResource", "kms:DescribeKey"],
    };

    public const string PassRole = "iam:PassRole";

    public const string CreateServiceLinkedRole = "iam:CreateServiceLinkedRole";

    /// <summary>The service that a kind's first use creates a linked role for (iam:AWSServiceName).</summary>
    public static IReadOnlyDictionary<string, string> LinkedRoleService { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["load-balancer"] = LoadBalancerPermissions.Value.LinkedRoleService!,
        ["ecs-service"] = EcsServicePermissions.Value.LinkedRoleService!,
        ["db-instance"] = "rds.amazonaws.com",
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
