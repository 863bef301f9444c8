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
            Databases: r.Objects("databases", DatabaseSpec.Bind),
            Hosts: r.Objects("hosts", HostSpec.Bind),
            Dns: r.Object("dns", DnsSpec.Bind),
            Certificates: r.Objects("certificates", CertificateSpec.Bind),
            LoadBalancers: r.Objects("loadBalancers", LoadBalancerSpec.Bind),
            Repositories: r.Objects("repositories", RepositorySpec.Bind),
            LogGroups: r.Objects("logGroups", LogGroupSpec.Bind),
            Clusters: r.Objects("clusters", ClusterSpec.Bind),
            TaskDefinitions: r.Objects("taskDefinitions", TaskDefinitionSpec.Bind),
            Services: r.Objects("services", ServiceSpec.Bind),
            Buckets: r.Objects("buckets", BucketSpec.Bind))
        {
            // At least one second, at most a week: a grace of zero would bring back the prune-on-blink this field guards against.
            PruneGrace = r.Duration("pruneGrace", TimeSpan.FromSeconds(1), TimeSpan.FromDays(7)),
            Account = r.Object("account", AccountSpec.Bind),
        };
    }

    private static string Req(MappingReader r, string key) => r.Required(key);
}
