using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Controller;
using Reconciler.Engine;
using Reconciler.Providers;

namespace Reconciler.Tests.Controller;

/// <summary>The one mapping from a reconcile's result to the queue and the status store, on a fake clock.</summary>
public sealed class ControllerServiceMapTests : IDisposable
{
    private static readonly WorkQueueOptions Backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), Jitter: 0);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private readonly WorkQueue _queue;

    private readonly StatusStore _statuses = new();

    private readonly ControllerService _controller;

    public ControllerServiceMapTests()
    {
        _queue = new WorkQueue(_clock, Backoff);
        var options = new ControllerOptions([], [], Resync: TimeSpan.FromMinutes(5), Rescan: TimeSpan.FromMinutes(1), Workers: 1, Listen: null) { Backoff = Backoff };
        var engine = new ReconcileEngine(_ => new ProviderRegistry([]), NullLogger<ReconcileEngine>.Instance, _clock);
        _controller = new ControllerService(options, [], new SpecCatalog(_clock), _queue, engine, _statuses,
            new ControllerMetrics(new AwsCallMetrics(), () => _queue.Depth, _statuses), _clock, NullLogger<ControllerService>.Instance);
    }

    public void Dispose()
    {
        _controller.Dispose();
        _queue.Dispose();
    }

    /// <summary>
    /// Whether <paramref name="key"/> is handed out after <paramref name="wait"/> and not a tick before: a marker added a
    /// tick early comes out first (the fake clock fires due timers inside Advance, so an early key would be in line first).
    /// </summary>
    private async Task<bool> DueAfter(string key, TimeSpan wait)
    {
        _clock.Advance(wait - TimeSpan.FromMilliseconds(1));
        _queue.Add("marker");
        var early = await Next();
        _queue.Done(early);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var due = await Next();
        _queue.Done(due);
        return early == "marker" && due == key;
    }

    private async Task<string> Next()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return (await _queue.GetAsync(timeout.Token))!;
    }

    [Fact]
    public async Task Map_Should_BackOffExponentiallyUntilASuccess_When_ARetryableFailureRepeats()
    {
        _controller.Map("demo", ReconcileResult.Failed("vpc/main: DependencyViolation", terminal: false));
        var first = await DueAfter("demo", TimeSpan.FromSeconds(1));
        _controller.Map("demo", ReconcileResult.Failed("vpc/main: DependencyViolation", terminal: false));
        var second = await DueAfter("demo", TimeSpan.FromSeconds(2));
        _controller.Map("demo", ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(20)));
        var waited = await DueAfter("demo", TimeSpan.FromSeconds(20));
        _controller.Map("demo", ReconcileResult.Failed("vpc/main: DependencyViolation", terminal: false));
        var reset = await DueAfter("demo", TimeSpan.FromSeconds(1));

        Assert.True(first);
        Assert.True(second); // doubled
        Assert.True(waited);
        Assert.True(reset); // the wait was a success: the backoff started over
    }

    [Fact]
    public async Task Map_Should_ComeBackWhenTheHoldEnds_When_AFailureIsTerminal()
    {
        _controller.Map("demo", ReconcileResult.Failed("ecr-repository/app: AccessDenied", terminal: true, TimeSpan.FromMinutes(10)));

        Assert.True(await DueAfter("demo", TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void Map_Should_RemoveTheStatusAndNotQueue_When_TheEnvironmentIsGone()
    {
        _statuses.Set(new EnvironmentStatus("demo", "/specs/demo.yaml", "enforce", "in sync", null, 0, 0, 0, 0, [], []));

        _controller.Map("demo", ReconcileResult.Gone);

        Assert.Null(_statuses.Find("demo"));
        Assert.Equal(0, _queue.Depth);
    }
}
