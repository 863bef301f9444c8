using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Aws.Rds;
using Reconciler.Engine;
using Reconciler.Providers;
using Reconciler.Providers.Ec2;

namespace Reconciler.Tests.Integration;

/// <summary>
/// The engine with the network providers plus the hosts' and databases' providers (registered here, not in
/// AwsComposition, until the issue's branches are merged), with short polling, on the shared moto_server.
/// </summary>
internal sealed partial class TopologyHarness : IDisposable
{
    public const string Region = EngineHarness.Region;

    private readonly AwsClientFactory _clients = new();
    private readonly ILoggerFactory _loggers;

    public TopologyHarness()
    {
        _loggers = LoggerFactory.Create(b => b.AddProvider(H.Logs).SetMinimumLevel(LogLevel.Debug));
        var ec2 = new Ec2Support(_clients.Ec2(Region), H.Aws.Runner);
        Rds = new RdsApi(H.Aws.Query(AwsServices.Rds, Region));
        Iam = H.Aws.Query(AwsServices.Iam, Region);
        Images = new EcsOptimizedImage(_clients.Ssm(Region), H.Aws.Runner, TimeProvider.System);
        Instances = new InstanceProvider(ec2, Images, _loggers.CreateLogger<InstanceProvider>());
        Databases = new DbInstanceProvider(Rds, TimeProvider.System);
        SubnetGroups = new DbSubnetGroupProvider(Rds, H.Aws.Inventory(Region));
        Registry = new ProviderRegistry(
        [
            new VpcProvider(ec2),
            new SubnetProvider(ec2),
            new InternetGatewayProvider(ec2),
            new ElasticIpProvider(ec2),
            new NatGatewayProvider(ec2),
            new RouteTableProvider(ec2),
            new SecurityGroupProvider(ec2),
            SubnetGroups,
            Databases,
            Instances,
        ]);
        Engine = new ReconcileEngine(_ => Registry, _loggers.CreateLogger<ReconcileEngine>(), TimeProvider.System);
    }

    public EngineHarness H { get; } = new();

    public RdsApi Rds { get; }

    public QueryProtocolClient Iam { get; }

    public EcsOptimizedImage Images { get; }

    public InstanceProvider Instances { get; }

    public DbInstanceProvider Databases { get; }

    public DbSubnetGroupProvider SubnetGroups { get; }

    public ProviderRegistry Registry { get; }

    public ReconcileEngine Engine { get; }

    /// <summary>
    /// The sample up to its hosts (the later sections need providers of other branches). Hosts lose their instance
    /// profile and cluster, which are kinds of other branches too; either section can be left out.
    /// </summary>
    public static string Spec(string environment, bool databases, bool hosts, Func<string, string>? edit = null)
    {
        var text = TestSpecs.SampleText(environment);
        text = text[..text.IndexOf("\n  dns:", StringComparison.Ordinal)] + "\n";
        text = HostExtras().Replace(text, string.Empty);
        if (!hosts)
        {
            text = text[..text.IndexOf("\n  hosts:", StringComparison.Ordinal)] + "\n";
        }

        if (!databases)
        {
            var start = text.IndexOf("\n  databases:", StringComparison.Ordinal);
            var end = text.IndexOf("\n  hosts:", StringComparison.Ordinal);
            text = end < 0 ? text[..start] + "\n" : text[..start] + text[end..];
        }

        return edit is null ? text : edit(text);
    }

    [GeneratedRegex(@"^      (instanceProfile|cluster): .*\n", RegexOptions.Multiline)]
    private static partial Regex HostExtras();

    /// <summary>The mutating operations called since <paramref name="before"/> (a metrics snapshot), sorted.</summary>
    public List<string> MutatingCallsSince(IReadOnlyDictionary<(string Service, string Operation, string Outcome), long> before) =>
        [.. H.Aws.Metrics.Snapshot()
            .Where(kv => AwsCallMetrics.IsMutating(kv.Key.Operation) && kv.Value > before.GetValueOrDefault(kv.Key))
            .Select(kv => kv.Key.Operation).Order()];

    public void Dispose()
    {
        _clients.Dispose();
        H.Dispose();
        _loggers.Dispose();
    }
}
