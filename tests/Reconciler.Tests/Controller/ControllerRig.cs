using Microsoft.Extensions.Logging;
using Reconciler.Controller;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

/// <summary>
/// A controller on moto_server watching a temporary folder (resync 1 h, rescan 500 ms, 2 workers, short backoff, the default
/// prune grace unless told), as the controller tests start it, on its own <see cref="EngineHarness"/> unless given one
/// (with a fault handler, say); disposing stops it and deletes the folder.
/// </summary>
/// <param name="harness">The engine harness to run on (with a fault handler, say); a new one when null.</param>
/// <param name="wrapHandler">With no harness given: wraps the new harness's HTTP handlers, e.g. to send them through the AWS behaviours layer.</param>
internal sealed class ControllerRig(EngineHarness? harness = null, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null) : IAsyncDisposable
{
    public EngineHarness H { get; } = harness ?? new(wrapHandler: wrapHandler);

    public string Dir { get; } = Directory.CreateTempSubdirectory("reconciler-watch-").FullName;

    /// <summary>The statuses, reading the source guards from <see cref="Catalog"/> once started.</summary>
    public StatusStore Statuses { get; private set; } = new();

    public WorkQueue? Queue { get; private set; }

    public ControllerService? Controller { get; private set; }

    public SpecCatalog? Catalog { get; private set; }

    /// <summary>Starts the controller; <paramref name="pruneGrace"/> null: the default grace (10 minutes).</summary>
    public async Task StartAsync(int detailEvery = 6, TimeSpan? pruneGrace = null)
    {
        var options = new ControllerOptions([Dir], [], Resync: TimeSpan.FromHours(1), Rescan: TimeSpan.FromMilliseconds(500), Workers: 2, Listen: null)
        {
            DetailEvery = detailEvery,
            PruneGrace = pruneGrace ?? SpecCatalog.DefaultPruneGrace,
        };
        Queue = new WorkQueue(TimeProvider.System, new WorkQueueOptions(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)));
        var source = new FolderSource(Dir, TimeProvider.System, debounce: TimeSpan.FromMilliseconds(300));
        var queue = Queue;
        Catalog = new SpecCatalog(TimeProvider.System, options.PruneGrace, options.MaxPruneFraction);
        Statuses = new StatusStore(TimeProvider.System, Catalog);
        var metrics = new ControllerMetrics(H.Aws.Metrics, () => queue.Depth, Statuses);
        Controller = new ControllerService(options, [source], Catalog, Queue, H.Engine, Statuses, metrics, TimeProvider.System, H.Loggers.CreateLogger<ControllerService>());
        await Controller.StartAsync(CancellationToken.None);
    }

    /// <summary>A small environment: a VPC, two subnets, an internet gateway and a security group, plus <paramref name="more"/> (YAML under <c>spec:</c>, from column 0).</summary>
    public static string SmallSpec(string env, string more = "") => TestSpecs.Small(env, $$"""
        network:
          cidr: 10.9.0.0/16
          subnets:
            - { name: public-a, zone: {{EngineHarness.Region}}a, cidr: 10.9.0.0/24, public: true }
            - { name: private-a, zone: {{EngineHarness.Region}}a, cidr: 10.9.10.0/24 }
          internetGateway: true
        securityGroups:
          - name: web
            description: HTTPS in
            ingress:
              - { protocol: tcp, port: 443, cidr: 0.0.0.0/0 }
        {{more}}
        """);

    /// <summary>
    /// A valid environment in suspend mode: it counts as one of the source's environments (so removing another spec is
    /// not the source losing all, or more than half, of them) and costs no AWS call.
    /// </summary>
    public static string Bystander(string env) => TestSpecs.Small(env, "tags: { role: bystander }").Replace("mode: enforce", "mode: suspend", StringComparison.Ordinal);

    public Task<EnvironmentStatus> Until(string env, Func<EnvironmentStatus, bool> condition, TimeSpan? timeout = null) =>
        StatusWait.Until(Statuses, env, condition, () => H.LogText, timeout);

    public async ValueTask DisposeAsync()
    {
        if (Controller is not null)
        {
            await Controller.StopAsync(CancellationToken.None);
            Controller.Dispose();
        }

        Queue?.Dispose();
        H.Dispose();
        Directory.Delete(Dir, recursive: true);
    }
}
