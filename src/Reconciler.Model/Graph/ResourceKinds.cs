namespace Reconciler.Model.Graph;

/// <summary>The catalogue of kinds, in creation order.</summary>
internal static class ResourceKinds
{
    public static readonly ResourceKind Vpc = New("vpc", 10, "cidr");
    public static readonly ResourceKind Subnet = New("subnet", 20, "vpc", "cidr", "zone");
    public static readonly ResourceKind InternetGateway = New("internet-gateway", 20);
    public static readonly ResourceKind ElasticIp = new("elastic-ip", 20, Set(), Stateful: true);
    public static readonly ResourceKind NatGateway = New("nat-gateway", 30, "subnet", "allocation");
    public static readonly ResourceKind RouteTable = New("route-table", 40, "vpc");
    public static readonly ResourceKind SecurityGroup = New("security-group", 20, "vpc", "name", "description");
    public static readonly ResourceKind IamRole = IamRoleKind.Kind;
    public static readonly ResourceKind InstanceProfile = InstanceProfileKind.Kind;
    public static readonly ResourceKind HostedZone = new("hosted-zone", 5, Set("name"), Stateful: true, Shared: true);
    public static readonly ResourceKind Certificate = New("certificate", 10, "domain", "alternativeNames", "validation");
    public static readonly ResourceKind LogGroup = LogGroupKind.Kind;
    public static readonly ResourceKind EcrRepository = EcrRepositoryKind.Kind;
    public static readonly ResourceKind Bucket = BucketKind.Kind;
    public static readonly ResourceKind EcsCluster = New("ecs-cluster", 5, "name");
    public static readonly ResourceKind DbSubnetGroup = DbSubnetGroupKind.Kind;
    public static readonly ResourceKind DbInstance = DbInstanceKind.Kind;
    public static readonly ResourceKind Instance = InstanceKind.Kind;
    public static readonly ResourceKind TargetGroup = TargetGroupKind.Kind;
    public static readonly ResourceKind LoadBalancer = New("load-balancer", 50, "name", "scheme");
    public static readonly ResourceKind Listener = New("listener", 60, "loadBalancer", "port");
    public static readonly ResourceKind DnsRecord = New("dns-record", 70, "name", "zone", "type");
    public static readonly ResourceKind TaskDefinition = New("task-definition", 30, "family");
    /// <summary>An inline policy of a (shared) role, owned by one environment through its name: after the database it names.</summary>
    public static readonly ResourceKind RolePolicy = RolePolicyKind.Kind;
    public static readonly ResourceKind EcsService = New("ecs-service", 80, "name", "cluster", "launchType", "loadBalancer");

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
