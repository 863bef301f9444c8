using Microsoft.Extensions.Time.Testing;
using Reconciler.Controller;

namespace Reconciler.Tests.Controller;

public sealed class WorkQueueTests
{
    private static readonly WorkQueueOptions Options = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), Jitter: 0);

    private static async Task<string?> Next(WorkQueue queue)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await queue.GetAsync(timeout.Token);
    }

    [Fact]
    public async Task Add_Should_HandOutAKeyOnce_When_ItIsAddedTwiceBeforeProcessing()
    {
        using var queue = new WorkQueue(new FakeTimeProvider(), Options);

        queue.Add("demo");
        queue.Add("demo");
        queue.Add("prod");

        Assert.Equal("demo", await Next(queue));
        Assert.Equal("prod", await Next(queue));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task Add_Should_NeverHandOutAKeyBeingProcessed_When_ItIsAddedDuringProcessing()
    {
        using var queue = new WorkQueue(new FakeTimeProvider(), Options);
        queue.Add("demo");
        var key = await Next(queue);

        queue.Add("demo");
        queue.Add("prod");
        var second = await Next(queue);
        queue.Done(key!);
        var third = await Next(queue);

        Assert.Equal("prod", second);
        Assert.Equal("demo", third); // once more, after the first run finished
    }

    [Fact]
    public async Task AddAfter_Should_HoldTheKeyUntilItsTime_When_TheClockAdvances()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue(clock, Options);

        queue.AddAfter("demo", TimeSpan.FromMinutes(5));
        var early = queue.GetAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(4));
        // The fake clock fires due timers inside Advance: had "demo" been promoted, it would be first in line now.
        queue.Add("other");
        var first = await early.WaitAsync(TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("other", first);
        Assert.Equal("demo", await Next(queue));
    }

    [Fact]
    public void AddRateLimited_Should_DoubleTheDelayUpToTheCap_When_AKeyKeepsFailing()
    {
        using var queue = new WorkQueue(new FakeTimeProvider(), Options);

        var delays = Enumerable.Range(0, 8).Select(_ => queue.AddRateLimited("demo").TotalSeconds).ToList();
        queue.Forget("demo");
        var afterSuccess = queue.AddRateLimited("demo").TotalSeconds;

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], delays);
        Assert.Equal(1, afterSuccess);
    }

    [Fact]
    public void AddRateLimited_Should_StayWithinTheJitterBand_When_JitterIsOn()
    {
        using var queue = new WorkQueue(new FakeTimeProvider(), Options with { Jitter = 0.2 }, new Random(7));

        var delays = Enumerable.Range(0, 50).Select(i => queue.AddRateLimited($"k{i}").TotalSeconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, 0.8, 1.2));
        Assert.True(delays.Distinct().Count() > 10);
    }

    [Fact]
    public async Task ShutDown_Should_ReleaseWaitingWorkers_When_TheHostStops()
    {
        using var queue = new WorkQueue(new FakeTimeProvider(), Options);
        var waiting = queue.GetAsync(CancellationToken.None);

        queue.ShutDown();

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
