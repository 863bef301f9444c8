using Reconciler.Aws.Acm;
using Reconciler.Aws.Http;
using Reconciler.Aws.Route53;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Dns;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Providers.Dns;

/// <summary>
/// The DNS and certificate providers on moto, and the sample spec under a unique environment whose zone is unique too
/// (example.com becomes &lt;env&gt;.test), with the load balancer's attributes standing in for the other providers.
/// </summary>
internal sealed class DnsTestKit : IDisposable
{
    public const string LoadBalancerDns = "demo-app-1234567890.ap-northeast-1.elb.amazonaws.com";
    public const string LoadBalancerZone = "Z14GRHDCWA56QT";

    private readonly EngineHarness _h = new();

    public DnsTestKit(INameServerLookup? lookup = null)
    {
        Route53 = new Route53Api(_h.Aws.RestXml(AwsServices.Route53, EngineHarness.Region));
        Acm = new AcmApi(_h.Aws.Json(AwsServices.Acm, EngineHarness.Region));
        Zones = new Route53Zones(Route53);
        ZoneProvider = new HostedZoneProvider(Zones, TimeProvider.System);
        RecordProvider = new DnsRecordProvider(Zones);
        Lookup = lookup ?? new OfflineLookup();
        CertificateProvider = new Reconciler.Kinds.CertificateProvider(Acm, Zones, Lookup, _h.Aws.Inventory(EngineHarness.Region));
    }

    public Route53Api Route53 { get; }

    /// <summary>Another certificate provider on the same clients, remembering nothing: what a new process starts with.</summary>
    public Reconciler.Kinds.CertificateProvider NewCertificateProvider() => new(Acm, Zones, Lookup, _h.Aws.Inventory(EngineHarness.Region));

    public AcmApi Acm { get; }

    public Route53Zones Zones { get; }

    public HostedZoneProvider ZoneProvider { get; }

    public DnsRecordProvider RecordProvider { get; }

    public Reconciler.Kinds.CertificateProvider CertificateProvider { get; }

    public INameServerLookup Lookup { get; }

    /// <summary>The kit's AWS calls, counted (every attempt).</summary>
    public Reconciler.Aws.AwsCallMetrics Metrics => _h.Aws.Metrics;

    /// <summary>Live ids and attributes known so far, as the executor would resolve references.</summary>
    public Dictionary<string, string> Known { get; } = new(StringComparer.Ordinal)
    {
        ["load-balancer/app#dnsName"] = LoadBalancerDns,
        ["load-balancer/app#canonicalHostedZoneId"] = LoadBalancerZone,
    };

    public static string ZoneFor(string environment) => $"{environment}.test";

    /// <summary>The sample's graph for <paramref name="environment"/>, its zone renamed; <paramref name="zone"/> lets environments share one.</summary>
    public static ResourceGraph Graph(string environment, string? zone = null, Func<string, string>? edit = null)
    {
        var name = zone ?? ZoneFor(environment);
        return TestSpecs.Load(TestSpecs.SampleText(environment, t =>
        {
            var renamed = t.Replace("example.com", name, StringComparison.Ordinal);
            return edit is null ? renamed : edit(renamed);
        })).Graph;
    }

    public string? Resolve(string key) => Known.GetValueOrDefault(key);

    public ResolvedResource Resolved(DesiredResource desired) => new(desired, Planner.ResolveAll(desired, Resolve));

    public IReadOnlyList<FieldChange> Diff(DesiredResource desired, ObservedResource actual) => Planner.Diff(desired, actual, Resolve);

    public async Task<IReadOnlyList<ObservedResource>> Observe(IResourceProvider provider, params ResourceGraph[] graphs) =>
        await provider.ObserveAsync(graphs.Select(g => g.Environment).ToList(), graphs.SelectMany(g => g.Resources).Where(r => r.Kind == provider.Kind).ToList(), CancellationToken.None);

    /// <summary>Creates (or adopts) the graph's hosted zone and records its id for references.</summary>
    public async Task<string> EnsureZone(ResourceGraph graph)
    {
        var desired = graph.Resources.Single(r => r.Kind == ResourceKinds.HostedZone);
        var existing = (await Observe(ZoneProvider, graph)).SingleOrDefault();
        var id = existing?.AwsId ?? (await ZoneProvider.CreateAsync(Resolved(desired), CancellationToken.None)).AwsId;
        Known[desired.LogicalId] = id;
        return id;
    }

    public void Dispose() => _h.Dispose();

    /// <summary>No network in tests: the delegation check says it could not check.</summary>
    public sealed class OfflineLookup : INameServerLookup
    {
        public Task<IReadOnlyList<string>?> NameServersAsync(string zone, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>?>(null);
    }
}
