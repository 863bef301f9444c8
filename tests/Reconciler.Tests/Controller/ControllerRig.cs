using Microsoft.Extensions.Logging;
using Reconciler.Controller;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

/// <summary>
/// A controller on moto_server watching a temporary folder (resync 1 h, rescan 500 ms, 2 workers, short backoff), as
/// the controller tests start it; disposing stops it and deletes the folder.
/// </summary>
/// <param name="wrapHandler">Wraps the engine's HTTP handlers, e.g. to send them through the AWS behaviours layer.</param>
internal sealed class ControllerRig(Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null) : IAsyncDisposable
{
    public EngineHarness H { get; } = new(wrapHandler: wrapHandler);

    public string Dir { get; } = Directory.CreateTempSubdirectory("reconciler-watch-").FullName;

    public StatusStore Statuses { get; } = new();

    public WorkQueue? Queue { get; private set; }

    public ControllerService? Controller { get; private set; }

    public async Task StartAsync(int detailEvery = 6)
    {
        var options = new ControllerOptions([Dir], [], Resync: TimeSpan.FromHours(1), Rescan: TimeSpan.FromMilliseconds(500), Workers: 2, Listen: null) { DetailEvery = detailEvery };
        Queue = new WorkQueue(TimeProvider.System, new WorkQueueOptions(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)));
        var source = new FolderSource(Dir, TimeProvider.System, debounce: TimeSpan.FromMilliseconds(300));
        var queue = Queue;
        var metrics = new ControllerMetrics(H.Aws.Metrics, () => queue.Depth, Statuses);
        Controller = new ControllerService(options, [source], new SpecCatalog(), Queue, H.Engine, Statuses, metrics, TimeProvider.System, H.Loggers.CreateLogger<ControllerService>());
        await Controller.StartAsync(CancellationToken.None);
    }

    public Task<EnvironmentStatus> Until(string env, Func<EnvironmentStatus, bool> condition) =>
        StatusWait.Until(Statuses, env, condition, () => H.LogText);

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
