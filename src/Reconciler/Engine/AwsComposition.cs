using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Providers;
using Reconciler.Providers.Ec2;

namespace Reconciler.Engine;

/// <summary>
/// Wires the AWS layer: one client factory, one call runner (retries, counting) and, per region, the providers.
/// The CLI and the tests build the engine through this one place.
/// </summary>
internal sealed class AwsComposition : IDisposable
{
    private readonly AwsClientFactory _clients = new();
    private readonly ConcurrentDictionary<string, ProviderRegistry> _registries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public AwsComposition(ILoggerFactory loggers, TimeProvider time, RetryOptions? retries = null)
    {
        _time = time;
        Metrics = new AwsCallMetrics();
        Runner = new AwsCallRunner(Metrics, loggers.CreateLogger<AwsCallRunner>(), time, retries);
        Engine = new ReconcileEngine(Providers, loggers.CreateLogger<ReconcileEngine>());
    }

    public AwsCallMetrics Metrics { get; }

    public AwsCallRunner Runner { get; }

    public ReconcileEngine Engine { get; }

    public ProviderRegistry Providers(string region) => _registries.GetOrAdd(region, r =>
    {
        var ec2 = new Ec2Support(_clients.Ec2(r), Runner);
        return new ProviderRegistry(
        [
            new VpcProvider(ec2),
            new SubnetProvider(ec2),
            new InternetGatewayProvider(ec2),
            new ElasticIpProvider(ec2),
            new NatGatewayProvider(ec2, _time),
            new RouteTableProvider(ec2),
            new SecurityGroupProvider(ec2),
        ]);
    });

    public void Dispose() => _clients.Dispose();
}
