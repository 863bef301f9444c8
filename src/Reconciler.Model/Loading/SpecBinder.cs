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
            Network: r.Object("network", NetworkSpec.Bind),
            SecurityGroups: r.Objects("securityGroups", SecurityGroupSpec.Bind),
            Databases: r.Objects("databases", BindDatabase),
            Hosts: r.Objects("hosts", BindHost),
            Dns: r.Object("dns", DnsSpec.Bind),
            Certificates: r.Objects("certificates", CertificateSpec.Bind),
            LoadBalancers: r.Objects("loadBalancers", LoadBalancerSpec.Bind),
            Repositories: r.Objects("repositories", m => new RepositorySpec(
                Req(m, "name"),
                m.Bool("scanOnPush") ?? true,
                m.Bool("immutableTags") ?? false,
                m.Bool("allowDeletionWithImages") ?? false)),
            LogGroups: r.Objects("logGroups", m => new LogGroupSpec(Req(m, "name"), m.Int("retentionDays"))),
            Clusters: r.Objects("clusters", ClusterSpec.Bind),
            TaskDefinitions: r.Objects("taskDefinitions", TaskDefinitionSpec.Bind),
            Services: r.Objects("services", ServiceSpec.Bind),
            Buckets: r.Objects("buckets", m => new BucketSpec(Req(m, "name"), m.Bool("versioning") ?? true)))
        {
            // At least one second, at most a week: a grace of zero would bring back the prune-on-blink this field guards against.
            PruneGrace = r.Duration("pruneGrace", TimeSpan.FromSeconds(1), TimeSpan.FromDays(7)),
        };
    }

    private static DatabaseSpec BindDatabase(MappingReader r) => new(
        Name: Req(r, "name"),
        Engine: r.Choice("engine", ["postgres"], required: true) ?? "postgres",
        EngineVersion: Req(r, "engineVersion"),
        InstanceClass: Req(r, "instanceClass"),
        StorageGiB: r.Int("storageGiB", required: true, min: 20, max: 65536) ?? 0,
        DatabaseName: Req(r, "databaseName"),
        MasterUsername: Req(r, "masterUsername"),
        Subnets: r.StringList("subnets", required: true),
        SecurityGroups: r.StringList("securityGroups"),
        MultiAz: r.Bool("multiAz") ?? false,
        DeletionProtection: r.Bool("deletionProtection") ?? true,
        PubliclyAccessible: r.Bool("publiclyAccessible") ?? false,
        BackupRetentionDays: r.Int("backupRetentionDays", min: 0, max: 35) ?? 7,
        AllowReplacement: r.Bool("allowReplacement") ?? false);

    private static HostSpec BindHost(MappingReader r) => new(
        Name: Req(r, "name"),
        Count: r.Int("count", min: 0, max: 100) ?? 1,
        Image: r.String("image") ?? "ecs-optimized",
        InstanceType: Req(r, "instanceType"),
        Subnets: r.StringList("subnets", required: true),
        SecurityGroups: r.StringList("securityGroups"),
        ElasticIp: r.Bool("elasticIp") ?? false,
        InstanceProfile: r.String("instanceProfile"),
        Cluster: r.String("cluster"),
        KeyName: r.String("keyName"));

    private static string Req(MappingReader r, string key) => r.Required(key);
}
