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
    public static readonly ResourceKind IamRole = new("iam-role", 5, Set(), Shared: true);
    public static readonly ResourceKind InstanceProfile = new("instance-profile", 6, Set(), Shared: true);
    public static readonly ResourceKind HostedZone = HostedZoneKind.Kind;
    public static readonly ResourceKind Certificate = CertificateKind.Kind;
    public static readonly ResourceKind LogGroup = New("log-group", 5, "name");
    public static readonly ResourceKind EcrRepository = new("ecr-repository", 5, Set("name"), Stateful: true);
    public static readonly ResourceKind Bucket = new("s3-bucket", 5, Set("name"), Stateful: true);
    public static readonly ResourceKind EcsCluster = EcsClusterKind.Kind;
    public static readonly ResourceKind DbSubnetGroup = New("db-subnet-group", 30, "name");
    public static readonly ResourceKind DbInstance = new("db-instance", 50, Set("identifier", "engine", "databaseName", "masterUsername", "subnetGroup", "storageEncrypted"), Stateful: true);
    public static readonly ResourceKind Instance = New("instance", 50, "subnet", "image", "userData", "instanceProfile", "keyName");
    public static readonly ResourceKind TargetGroup = TargetGroupKind.Kind;
    public static readonly ResourceKind LoadBalancer = LoadBalancerKind.Kind;
    public static readonly ResourceKind Listener = ListenerKind.Kind;
    public static readonly ResourceKind DnsRecord = DnsRecordKind.Kind;
    public static readonly ResourceKind TaskDefinition = TaskDefinitionKind.Kind;
    /// <summary>An inline policy of a (shared) role, owned by one environment through its name: after the database it names.</summary>
    public static readonly ResourceKind RolePolicy = New("role-policy", 55, "role", "name");
    public static readonly ResourceKind EcsService = EcsServiceKind.Kind;

    public static IReadOnlyList<ResourceKind> All { get; } =
    [
        IamRole, InstanceProfile, HostedZone, LogGroup, EcrRepository, Bucket, EcsCluster, Vpc, Certificate, Subnet, InternetGateway,
        ElasticIp, SecurityGroup, NatGateway, DbSubnetGroup, TargetGroup, TaskDefinition, RouteTable, DbInstance, Instance,
        RolePolicy, LoadBalancer, Listener, DnsRecord, EcsService,
    ];

    public static ResourceKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    private static ResourceKind New(string name, int rank, params string[] replaceOn) => new(name, rank, Set(replaceOn));

    private static HashSet<string> Set(params string[] fields) => new(fields, StringComparer.Ordinal);
}
