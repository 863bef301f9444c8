using Reconciler.Model.Graph;

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
    /// <summary>Each kind's permissions, declared in the kind's folder (src/Reconciler/Kinds/&lt;Kind&gt;/).</summary>
    private static readonly Dictionary<string, KindPermissions> Kinds = new(StringComparer.Ordinal)
    {
        [ResourceKinds.Vpc.Name] = VpcPermissions.Value,
        [ResourceKinds.Subnet.Name] = SubnetPermissions.Value,
        [ResourceKinds.InternetGateway.Name] = InternetGatewayPermissions.Value,
        [ResourceKinds.ElasticIp.Name] = ElasticIpPermissions.Value,
        [ResourceKinds.NatGateway.Name] = NatGatewayPermissions.Value,
        [ResourceKinds.RouteTable.Name] = RouteTablePermissions.Value,
        [ResourceKinds.SecurityGroup.Name] = SecurityGroupPermissions.Value,
        [ResourceKinds.Instance.Name] = InstancePermissions.Value,
        [ResourceKinds.IamRole.Name] = IamRolePermissions.Value,
        [ResourceKinds.ExecutionRole.Name] = ExecutionRolePermissions.Value,
        [ResourceKinds.InstanceProfile.Name] = InstanceProfilePermissions.Value,
        [ResourceKinds.RolePolicy.Name] = RolePolicyPermissions.Value,
        [ResourceKinds.HostedZone.Name] = HostedZonePermissions.Value,
        [ResourceKinds.DnsRecord.Name] = DnsRecordPermissions.Value,
        [ResourceKinds.Certificate.Name] = CertificatePermissions.Value,
        [ResourceKinds.LogGroup.Name] = LogGroupPermissions.Value,
        [ResourceKinds.EcrRepository.Name] = EcrRepositoryPermissions.Value,
        [ResourceKinds.Bucket.Name] = BucketPermissions.Value,
        [ResourceKinds.EcsCluster.Name] = EcsClusterPermissions.Value,
        [ResourceKinds.TaskDefinition.Name] = TaskDefinitionPermissions.Value,
        [ResourceKinds.EcsService.Name] = EcsServicePermissions.Value,
        [ResourceKinds.TargetGroup.Name] = TargetGroupPermissions.Value,
        [ResourceKinds.LoadBalancer.Name] = LoadBalancerPermissions.Value,
        [ResourceKinds.Listener.Name] = ListenerPermissions.Value,
        [ResourceKinds.DbSubnetGroup.Name] = DbSubnetGroupPermissions.Value,
        [ResourceKinds.DbInstance.Name] = DbInstancePermissions.Value,
    };

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByKind { get; } =
        Kinds.ToDictionary(kv => kv.Key, kv => kv.Value.Actions, StringComparer.Ordinal);

    /// <summary>Actions AWS checks on top of the calls above; none is an operation a client calls.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ImpliedByKind { get; } =
        Kinds.Where(kv => kv.Value.Implied is not null).ToDictionary(kv => kv.Key, kv => kv.Value.Implied!, StringComparer.Ordinal);

    public const string PassRole = "iam:PassRole";

    public const string CreateServiceLinkedRole = "iam:CreateServiceLinkedRole";

    /// <summary>The service that a kind's first use creates a linked role for (iam:AWSServiceName).</summary>
    public static IReadOnlyDictionary<string, string> LinkedRoleService { get; } =
        Kinds.Where(kv => kv.Value.LinkedRoleService is not null).ToDictionary(kv => kv.Key, kv => kv.Value.LinkedRoleService!, StringComparer.Ordinal);

    /// <summary>An S3 source of specs (<c>--source s3://BUCKET/PREFIX</c>): list, read, and write back (set-image).</summary>
    public static IReadOnlyList<string> SourceActions { get; } = ["s3:ListBucket", "s3:GetObject", "s3:PutObject"];

    /// <summary>
    /// Several replicas (<c>run --lease-table NAME</c>): the lease table is checked at start, its registry item read with
    /// GetItem, the leases to take over with BatchGetItem, and every heartbeat and lease written with a conditional UpdateItem.
    /// </summary>
    public static IReadOnlyList<string> LeaseActions { get; } = ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem"];

    /// <summary>
    /// S3 event notifications (<c>run --events sqs://QUEUE_URL</c>): the queue's redrive policy is read once, then
    /// ReceiveMessage long-polls and DeleteMessage removes each handled message (<see cref="Controller.S3EventListener"/>).
    /// </summary>
    public static IReadOnlyList<string> EventQueueActions { get; } = ["sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:DeleteMessage"];

    /// <summary>
    /// Several accounts (<c>spec.account</c>): the controller assumes each target role (granted on those roles by
    /// <see cref="AccountPolicies"/>), and the account guard asks GetCallerIdentity, which needs no permission
    /// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
    /// </summary>
    public static IReadOnlyList<string> AccountActions { get; } = ["sts:AssumeRole", "sts:GetCallerIdentity"];

    /// <summary>
    /// <c>reconciler import</c>'s reads beyond the kinds' own (a person runs it with their credentials; the controller's
    /// policy leaves them out): clusters and services listed, every hosted zone, a listener's rules.
    /// </summary>
    public static IReadOnlyList<string> ImportActions { get; } = ["ecs:ListClusters", "ecs:ListServices", "route53:ListHostedZones", "elasticloadbalancing:DescribeRules"];

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
