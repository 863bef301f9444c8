namespace Reconciler.Model.Graph;

/// <summary>The catalogue of kinds, in creation order.</summary>
internal static class ResourceKinds
{
    public static readonly ResourceKind Vpc = VpcKind.Kind;
    public static readonly ResourceKind Subnet = SubnetKind.Kind;
    public static readonly ResourceKind InternetGateway = InternetGatewayKind.Kind;
    public static readonly ResourceKind ElasticIp = ElasticIpKind.Kind;
    public static readonly ResourceKind NatGateway = NatGatewayKind.Kind;
    public static readonly ResourceKind RouteTable = RouteTableKind.Kind;
    public static readonly ResourceKind SecurityGroup = SecurityGroupKind.Kind;
    public static readonly ResourceKind IamRole = IamRoleKind.Kind;
    /// <summary>An environment's own task execution role (executionRole: { own: true }), owned through its tags.</summary>
    public static readonly ResourceKind ExecutionRole = ExecutionRoleKind.Kind;
    public static readonly ResourceKind InstanceProfile = InstanceProfileKind.Kind;
    public static readonly ResourceKind HostedZone = HostedZoneKind.Kind;
    public static readonly ResourceKind Certificate = CertificateKind.Kind;
    public static readonly ResourceKind LogGroup = LogGroupKind.Kind;
    public static readonly ResourceKind EcrRepository = EcrRepositoryKind.Kind;
    public static readonly ResourceKind Bucket = BucketKind.Kind;
    public static readonly ResourceKind EcsCluster = EcsClusterKind.Kind;
    public static readonly ResourceKind DbSubnetGroup = DbSubnetGroupKind.Kind;
    public static readonly ResourceKind DbInstance = DbInstanceKind.Kind;
    public static readonly ResourceKind Instance = InstanceKind.Kind;
    public static readonly ResourceKind TargetGroup = TargetGroupKind.Kind;
    public static readonly ResourceKind LoadBalancer = LoadBalancerKind.Kind;
    public static readonly ResourceKind Listener = ListenerKind.Kind;
    public static readonly ResourceKind DnsRecord = DnsRecordKind.Kind;
    public static readonly ResourceKind TaskDefinition = TaskDefinitionKind.Kind;
    /// <summary>An inline policy of a (shared) role, owned by one environment through its name: after the database it names.</summary>
    public static readonly ResourceKind RolePolicy = RolePolicyKind.Kind;
    public static readonly ResourceKind EcsService = EcsServiceKind.Kind;

    public static IReadOnlyList<ResourceKind> All { get; } =
    [
        IamRole, ExecutionRole, InstanceProfile, HostedZone, LogGroup, EcrRepository, Bucket, EcsCluster, Vpc, Certificate, Subnet, InternetGateway,
        ElasticIp, SecurityGroup, NatGateway, DbSubnetGroup, TargetGroup, TaskDefinition, RouteTable, DbInstance, Instance,
        RolePolicy, LoadBalancer, Listener, DnsRecord, EcsService,
    ];

    public static ResourceKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);
}
