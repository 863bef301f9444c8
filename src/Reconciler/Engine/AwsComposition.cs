using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Aws.Accounts;
using Reconciler.Aws.Budget;
using Reconciler.Aws.Http;
using Reconciler.Aws.Acm;
using Reconciler.Aws.Ecr;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Elbv2;
using Reconciler.Aws.Iam;
using Reconciler.Aws.Logs;
using Reconciler.Aws.Rds;
using Reconciler.Aws.Route53;
using Reconciler.Aws.Tagging;
using Reconciler.Model.Graph;
using Reconciler.Providers;
using Reconciler.Providers.Dns;
using Reconciler.Providers.Ec2;
using Reconciler.Providers.Ecs;
using Reconciler.Providers.Elbv2;
using Reconciler.Providers.Iam;
using Reconciler.Providers.Observation;

namespace Reconciler.Engine;

/// <summary>
/// Wires the AWS layer: one client factory, one call runner (retries, counting) and, per region, the providers.
/// The CLI and the tests build the engine through this one place.
/// </summary>
internal sealed class AwsComposition : IDisposable
{
    private readonly AwsClientFactory _clients;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, ProviderRegistry> _registries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaggedInventory> _inventories = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly INameServerLookup _nameServers;
    private readonly ILoggerFactory _loggers;
    private readonly ConcurrentDictionary<string, AwsCallRunner> _runners = new(StringComparer.Ordinal);
    private readonly RetryOptions? _retries;

    /// <param name="wrapHandler">
    /// Optional, for tests: wraps the HTTP handler of both client families, the thin clients' (<see cref="Transport"/>)
    /// and the SDK's (EC2, SSM, S3), e.g. to inject faults. Null, the default, changes nothing.
    /// </param>
    /// <param name="budget">The client-side API budget; by default the settings' (AWS's published rates, scaled or switched off).</param>
    /// <param name="settings">The <c>RECONCILER_*</c> settings; null: read from the environment (tests, which set them in-process).</param>
    /// <param name="sessionClock">The clock role sessions expire by; null: <paramref name="time"/> (tests move it alone, to expire a session mid-run).</param>
    public AwsComposition(ILoggerFactory loggers, TimeProvider time, RetryOptions? retries = null, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null, ApiBudget? budget = null, ReconcilerSettings? settings = null,
        TimeProvider? sessionClock = null)
    {
        settings ??= ReconcilerSettings.FromEnvironment();
        _clients = new AwsClientFactory(wrapHandler);
        HttpMessageHandler handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(wrapHandler is null ? handler : wrapHandler(handler)) { Timeout = TimeSpan.FromSeconds(60) };
        _time = time;
        _loggers = loggers;

        // The certificate status says whether the zone looks delegated, by asking public DNS; never against an
        // emulator (no traffic leaves for public resolvers when AWS itself is local), nor when switched off.
        _nameServers = AwsClientFactory.EndpointOverride("ROUTE_53") is not null || settings.DnsCheckOff
            ? new NoNameServerLookup()
            : new PublicNameServerLookup(time);
        Metrics = new AwsCallMetrics();
        Transport = new SignedTransport(_http);
        _retries = retries;
        Budget = budget ?? settings.Budget(time);
        Runner = RunnerFor(AwsClientFactory.DefaultRegion());
        Accounts = new AccountSessions(_clients, t => RunnerFor(t.BudgetScope(global: false)), sessionClock ?? time);
        Engine = new ReconcileEngine(Providers, loggers.CreateLogger<ReconcileEngine>(), time)
        {
            PollCap = settings.PollCapDuration,
            // The controller never deletes or replaces what it runs on (samples/controller.yaml sets it in the task).
            SelfEnvironment = settings.SelfEnvironment,
            Accounts = Accounts,
        };
    }

    /// <summary>The API budget shared by every runner (null when switched off).</summary>
    public ApiBudget? Budget { get; }

    /// <summary>The call runner of a region: all share the metrics, the retry schedule and the budget (kept per region, as AWS keeps its buckets).</summary>
    public AwsCallRunner RunnerFor(string region) => _runners.GetOrAdd(region, r => new AwsCallRunner(Metrics, _loggers.CreateLogger<AwsCallRunner>(), _time, _retries, Budget, r));

    public AwsCallMetrics Metrics { get; }

    /// <summary>The environments' credentials (assumed roles) and the account guard.</summary>
    public AccountSessions Accounts { get; }

    public AwsCallRunner Runner { get; }

    /// <summary>Signs and sends the thin clients' requests (ECS, RDS, ELBv2, Route53, ACM, IAM, ECR, Logs).</summary>
    public SignedTransport Transport { get; }

    public JsonProtocolClient Json(AwsServiceInfo service, string region) => Json(service, new AwsTarget(region));

    public QueryProtocolClient Query(AwsServiceInfo service, string region) => Query(service, new AwsTarget(region));

    public RestXmlProtocolClient RestXml(AwsServiceInfo service, string region) => RestXml(service, new AwsTarget(region));

    // A target's clients sign with its credentials and draw on its account's budget (AWS counts per account and region).
    public JsonProtocolClient Json(AwsServiceInfo service, AwsTarget target) =>
        new(service, target.Region, Transport, RunnerFor(target.BudgetScope(service.Global)), Accounts.Credentials(target));

    public QueryProtocolClient Query(AwsServiceInfo service, AwsTarget target) =>
        new(service, target.Region, Transport, RunnerFor(target.BudgetScope(service.Global)), Accounts.Credentials(target));

    public RestXmlProtocolClient RestXml(AwsServiceInfo service, AwsTarget target) =>
        new(service, target.Region, Transport, RunnerFor(target.BudgetScope(service.Global)), Accounts.Credentials(target));

    public ReconcileEngine Engine { get; }

    /// <summary>The EC2 client of a region (import's discovery, adoption's tag reads and writes); its calls go through <see cref="RunnerFor"/>.</summary>
    public Amazon.EC2.AmazonEC2Client Ec2(string region) => _clients.Ec2(region);

    /// <summary>The S3 client of a region (spec sources, set-image); its calls go through <see cref="Runner"/>.</summary>
    public Amazon.S3.AmazonS3Client S3(string region) => _clients.S3(region);

    /// <summary>The region's Tagging API inventory, shared by its providers (and by tests that build providers alone).</summary>
    public TaggedInventory Inventory(string region) => Inventory(new AwsTarget(region));

    private TaggedInventory Inventory(AwsTarget target) =>
        _inventories.GetOrAdd(target.ClientKey, _ => new TaggedInventory(new ResourceGroupsTaggingApi(Json(AwsServices.Tagging, target))));

    /// <summary>The SQS client of a region (the S3 event notifications of run --events); its calls go through <see cref="RunnerFor"/>.</summary>
    public Amazon.SQS.AmazonSQSClient Sqs(string region) => _clients.Sqs(region);

    /// <summary>The DynamoDB client of a region (the lease table of several replicas); its calls go through <see cref="Runner"/>.</summary>
    public Amazon.DynamoDBv2.AmazonDynamoDBClient DynamoDb(string region) => _clients.DynamoDb(region);

    public ProviderRegistry Providers(string region) => Providers(new AwsTarget(region));

    /// <summary>
    /// The providers of a target: one set per region and credentials. An environment with <c>spec.account.roleArn</c>
    /// gets its own, whose every client (SDK and thin, observation included) signs with the role's session.
    /// </summary>
    public ProviderRegistry Providers(AwsTarget target) => _registries.GetOrAdd(target.ClientKey, _ =>
    {
        var r = target.Region;
        var credentials = Accounts.Credentials(target);
        var key = target.ClientKey;
        var runner = RunnerFor(target.BudgetScope(global: false));
        var ec2 = new Ec2Support(_clients.Ec2(r, credentials, key), runner);
        var sharedRoles = new SharedRoles(new IamApi(Query(AwsServices.Iam, target)));
        var inventory = Inventory(target);
        var route53 = new Route53Zones(new Route53Api(RestXml(AwsServices.Route53, target)));
        var acm = new AcmApi(Json(AwsServices.Acm, target));
        var elbv2 = new Elbv2Support(new ElasticLoadBalancingV2Api(Query(AwsServices.Elbv2, target)), inventory);
        var ecs = new EcsSupport(new EcsApi(Json(AwsServices.Ecs, target)), inventory);
        var rds = new RdsApi(Query(AwsServices.Rds, target));
        return new ProviderRegistry(
        [
            new IamRoleProvider(sharedRoles),
            new ExecutionRoleProvider(sharedRoles.Iam),
            new InstanceProfileProvider(sharedRoles),
            new RolePolicyProvider(sharedRoles.Iam),
            new EcrRepositoryProvider(new EcrApi(Json(AwsServices.Ecr, target)), inventory),
            new BucketProvider(_clients.S3(r, credentials, key), runner, r, inventory),
            new LogGroupProvider(new CloudWatchLogsApi(Json(AwsServices.Logs, target)), inventory),
            new HostedZoneProvider(route53, _time),
            new DnsRecordProvider(route53),
            new CertificateProvider(acm, route53, _nameServers, inventory),
            new TargetGroupProvider(elbv2),
            new LoadBalancerProvider(elbv2),
            new ListenerProvider(elbv2),
            new EcsClusterProvider(ecs),
            new TaskDefinitionProvider(ecs, r),
            new EcsServiceProvider(ecs, _time),
            new DbSubnetGroupProvider(rds, inventory),
            new DbInstanceProvider(rds, _time),
            new InstanceProvider(ec2, new EcsOptimizedImage(_clients.Ssm(r, credentials, key), runner, _time), _loggers.CreateLogger<InstanceProvider>()),
            new VpcProvider(ec2),
            new SubnetProvider(ec2),
            new InternetGatewayProvider(ec2),
            new ElasticIpProvider(ec2),
            new NatGatewayProvider(ec2),
            new RouteTableProvider(ec2),
            new SecurityGroupProvider(ec2),
        ]);
    });

    public void Dispose()
    {
        _clients.Dispose();
        _http.Dispose();
    }
}
