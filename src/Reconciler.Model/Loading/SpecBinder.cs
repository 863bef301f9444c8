using Reconciler.Model.Spec;
using Reconciler.Model.Yaml;

namespace Reconciler.Model.Loading;

/// <summary>
/// Binds a YAML tree to the spec records. Every field is read through <see cref="MappingReader"/>, so types, required
/// fields and unknown keys are checked where they are read, with the position of each. Missing required values
/// become empty strings or zero so that binding goes on and every problem of the file is reported at once.
/// </summary>
internal static class SpecBinder
{
    public const string ApiVersion = "reconciler/v1";
    public const string DocumentKind = "Environment";

    private static readonly string[] Modes = ["enforce", "detect", "suspend"];
    private static readonly string[] Protocols = ["tcp", "udp", "icmp", "all"];

    public static EnvironmentDocument? Bind(YNode root, BindContext ctx) =>
        MappingReader.Bind(root, string.Empty, ctx, r =>
        {
            var apiVersion = r.String("apiVersion", required: true) ?? string.Empty;
            if (apiVersion.Length > 0 && apiVersion != ApiVersion)
            {
                r.Error("apiVersion", $"'{apiVersion}' is not supported: use {ApiVersion}");
            }

            var kind = r.String("kind", required: true) ?? string.Empty;
            if (kind.Length > 0 && kind != DocumentKind)
            {
                r.Error("kind", $"'{kind}' is not supported: use {DocumentKind}");
            }

            var metadata = r.Object("metadata", m => new EnvironmentMetadata(m.String("name", required: true) ?? string.Empty), required: true);
            var spec = r.Object("spec", BindSpec, required: true);
            return metadata is null || spec is null
                ? null
                : new EnvironmentDocument(apiVersion, kind, metadata, spec, ctx.File);
        });

    private static EnvironmentSpec BindSpec(MappingReader r)
    {
        var mode = r.Choice("mode", Modes) ?? "enforce";
        return new EnvironmentSpec(
            Region: r.String("region", required: true) ?? string.Empty,
            Mode: Enum.Parse<EnvironmentMode>(mode, ignoreCase: true),
            Prune: r.Bool("prune") ?? false,
            Tags: r.StringMap("tags"),
            Network: r.Object("network", BindNetwork),
            SecurityGroups: r.Objects("securityGroups", BindSecurityGroup),
            Databases: r.Objects("databases", DatabaseSpec.Bind),
            Hosts: r.Objects("hosts", HostSpec.Bind),
            Dns: r.Object("dns", BindDns),
            Certificates: r.Objects("certificates", BindCertificate),
            LoadBalancers: r.Objects("loadBalancers", BindLoadBalancer),
            Repositories: r.Objects("repositories", RepositorySpec.Bind),
            LogGroups: r.Objects("logGroups", LogGroupSpec.Bind),
            Clusters: r.Objects("clusters", m => new ClusterSpec(Req(m, "name"), m.Choice("capacity", ["ec2"], unsupported: Fargate) ?? "ec2")),
            TaskDefinitions: r.Objects("taskDefinitions", BindTaskDefinition),
            Services: r.Objects("services", BindService),
            Buckets: r.Objects("buckets", BucketSpec.Bind))
        {
            // At least one second, at most a week: a grace of zero would bring back the prune-on-blink this field guards against.
            PruneGrace = r.Duration("pruneGrace", TimeSpan.FromSeconds(1), TimeSpan.FromDays(7)),
        };
    }

    private static NetworkSpec BindNetwork(MappingReader r) => new(
        Req(r, "cidr"),
        r.Objects("subnets", m => new SubnetSpec(Req(m, "name"), Req(m, "zone"), Req(m, "cidr"), m.Bool("public") ?? false), required: true),
        r.Bool("internetGateway") ?? false,
        r.Object("natGateway", m => new NatGatewaySpec(Req(m, "subnet"))));

    private static SecurityGroupSpec BindSecurityGroup(MappingReader r)
    {
        var name = Req(r, "name");
        var description = r.String("description") ?? $"Managed by reconciler: {name}";
        var ingress = r.Objects("ingress", BindRule);
        IReadOnlyList<RuleSpec>? egress = r.Node("egress") is null ? null : r.Objects("egress", BindRule);
        return new SecurityGroupSpec(name, description, ingress, egress);
    }

    private static RuleSpec BindRule(MappingReader r)
    {
        var protocol = r.Choice("protocol", Protocols, required: true) ?? "tcp";
        var port = r.Int("port", required: protocol != "all", min: protocol == "icmp" ? -1 : 0, max: 65535);
        var toPort = r.Int("toPort", min: protocol == "icmp" ? -1 : 0, max: 65535);
        var cidr = r.String("cidr");
        var source = r.String("source");
        if ((cidr is null) == (source is null))
        {
            r.Context.Error(r.Mark, r.Path, "give exactly one of cidr or source");
        }

        if (port is { } from && toPort is { } to && to < from)
        {
            r.Error("toPort", $"toPort {to} is below port {from}");
        }

        return new RuleSpec(protocol, port, toPort, cidr, source);
    }

    private static DnsSpec BindDns(MappingReader r) => new(
        Req(r, "zone"),
        r.Objects("records", m => new DnsRecordSpec(
            Req(m, "name"),
            m.Object("target", t => new DnsTargetSpec(Req(t, "loadBalancer")), required: true) ?? new DnsTargetSpec(string.Empty))),
        r.Bool("allowZoneDeletion") ?? false);

    private static CertificateSpec BindCertificate(MappingReader r) => new(
        Req(r, "name"),
        Req(r, "domain"),
        r.Choice("validation", ["dns"]) ?? "dns",
        r.StringList("alternativeNames"));

    private static LoadBalancerSpec BindLoadBalancer(MappingReader r) => new(
        Name: Req(r, "name"),
        Scheme: r.Choice("scheme", ["internet-facing", "internal"]) ?? "internet-facing",
        Subnets: r.StringList("subnets", required: true),
        SecurityGroups: r.StringList("securityGroups"),
        Listeners: r.Objects("listeners", BindListener),
        TargetGroups: r.Objects("targetGroups", TargetGroupSpec.Bind));

    private static ListenerSpec BindListener(MappingReader r)
    {
        var listener = new ListenerSpec(
            r.Choice("protocol", ["HTTP", "HTTPS"], required: true) ?? "HTTP",
            r.Int("port", required: true, min: 1, max: 65535) ?? 0,
            r.String("certificate"),
            r.String("forward"),
            r.Choice("redirect", ["https"]));
        if ((listener.Forward is null) == (listener.Redirect is null))
        {
            r.Context.Error(r.Mark, r.Path, "give exactly one of forward (a target group) or redirect: https");
        }

        return listener;
    }

    // Fargate and awsvpc are refused, not half-supported: AWS requires, for them, requiresCompatibilities, task-level cpu
    // and memory from the allowed pairs, and a networkConfiguration (subnets, security groups, assignPublicIp) on
    // CreateService and RunTask (ECS developer guide, "Amazon ECS task definition parameters for Fargate": "For Amazon
    // ECS tasks on Fargate, the awsvpc network mode is required"; RegisterTaskDefinition's cpu: "If you're using the
    // Fargate launch type, this field is required"), none of which this build sends.
    private static readonly Dictionary<string, string> Fargate = new(StringComparer.Ordinal)
    {
        ["fargate"] = "Fargate needs the awsvpc network mode, task-level cpu/memory and a network configuration, which it does not send yet",
        ["FARGATE"] = "Fargate needs the awsvpc network mode, task-level cpu/memory and a network configuration, which it does not send yet",
    };

    private static readonly Dictionary<string, string> Awsvpc = new(StringComparer.Ordinal)
    {
        ["awsvpc"] = "awsvpc tasks need a network configuration (subnets, security groups) on the service and on one-off tasks, which it does not send yet",
    };

    // Task-level cpu in CPU units and memory in MiB. RegisterTaskDefinition's cpu: for the EC2 launch type "Supported
    // values are between 128 CPU units (0.125 vCPUs) and 196608 CPU units (192 vCPUs)"; memory: "If you're using the EC2
    // launch type, this field is optional" (ECS API reference). Whether they fit the hosts is checked by the validator.
    private static TaskDefinitionSpec BindTaskDefinition(MappingReader r) => new(
        Req(r, "family"),
        r.String("executionRole"),
        r.String("taskRole"),
        r.Choice("networkMode", ["bridge", "host"], unsupported: Awsvpc) ?? "bridge",
        r.Objects("containers", BindContainer, required: true),
        r.Int("cpu", min: 128, max: 196_608),
        r.Int("memory", min: 6, max: 1_000_000));

    private static ContainerSpec BindContainer(MappingReader r)
    {
        var (environment, environmentFrom) = ContainerValueReader.Environment(r);
        var (secrets, secretsFrom) = ContainerValueReader.Secrets(r);
        return BindContainer(r, environment, secrets) with { EnvironmentFrom = environmentFrom, SecretsFrom = secretsFrom };
    }

    private static ContainerSpec BindContainer(MappingReader r, IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string> secrets) => new(
        Name: Req(r, "name"),
        Image: BindImage(r),
        Memory: r.Int("memory", min: 4, max: 1_000_000),
        MemoryReservation: r.Int("memoryReservation", min: 4, max: 1_000_000),
        Cpu: r.Int("cpu", min: 0, max: 1_000_000),
        Essential: r.Bool("essential") ?? true,
        PortMappings: r.Objects("portMappings", m => new PortMappingSpec(
            m.Int("hostPort", min: 0, max: 65535) ?? 0,
            m.Int("containerPort", required: true, min: 1, max: 65535) ?? 0,
            m.Choice("protocol", ["tcp", "udp"]) ?? "tcp")),
        Environment: environment,
        Secrets: secrets,
        Logs: r.Object("logs", m => new ContainerLogsSpec(Req(m, "group"), m.String("streamPrefix") ?? "ecs")),
        Command: r.StringList("command"));

    /// <summary><c>image: {repository: app, tag: v1}</c> or <c>image: public.ecr.aws/nginx/nginx:1.27</c>.</summary>
    private static ImageSpec BindImage(MappingReader r)
    {
        var node = r.Node("image", required: true);
        if (node is YScalar scalar)
        {
            return new ImageSpec(null, string.Empty, scalar.Value);
        }

        return node is null
            ? new ImageSpec(null, string.Empty, string.Empty)
            : MappingReader.Bind(node, r.Child("image"), r.Context, m => new ImageSpec(Req(m, "repository"), m.String("tag") ?? "latest", null))
              ?? new ImageSpec(null, string.Empty, string.Empty);
    }

    private static ServiceSpec BindService(MappingReader r) => new(
        Name: Req(r, "name"),
        Cluster: Req(r, "cluster"),
        TaskDefinition: Req(r, "taskDefinition"),
        DesiredCount: r.Int("desiredCount", min: 0, max: 10_000) ?? 1,
        LaunchType: r.Choice("launchType", ["EC2"], unsupported: Fargate) ?? "EC2",
        LoadBalancer: r.Object("loadBalancer", m => new ServiceLoadBalancerSpec(
            Req(m, "targetGroup"),
            Req(m, "container"),
            m.Int("containerPort", required: true, min: 1, max: 65535) ?? 0)),
        IgnoreChanges: r.StringList("ignoreChanges"),
        BeforeDeploy: r.Objects("beforeDeploy", m => new BeforeDeploySpec(
            Req(m, "container"),
            m.StringList("command", required: true),
            m.Int("timeoutSeconds", min: 10, max: 86_400) ?? BeforeDeploySpec.DefaultTimeoutSeconds)));

    private static string Req(MappingReader r, string key) => r.Required(key);
}
