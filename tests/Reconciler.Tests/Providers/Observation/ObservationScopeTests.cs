using Reconciler.Providers.Observation;

namespace Reconciler.Tests.Providers.Observation;

public sealed class ObservationScopeTests
{
    private readonly object _owner = new();
    private int _loads;

    private async Task<List<int>> Load()
    {
        await Task.Yield();
        return [Interlocked.Increment(ref _loads)];
    }

    [Fact]
    public async Task SharedAsync_Should_LoadOnce_When_SeveralReadersAskWithinOneObservation()
    {
        var results = await ObservationScope.RunAsync(() => Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ObservationScope.SharedAsync(_owner, "k", Load))));

        Assert.Equal(1, _loads);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public async Task SharedAsync_Should_LoadAgain_When_ANewObservationStarts()
    {
        await ObservationScope.RunAsync(() => ObservationScope.SharedAsync(_owner, "k", Load));
        await ObservationScope.RunAsync(() => ObservationScope.SharedAsync(_owner, "k", Load));

        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task SharedAsync_Should_LoadEachTime_When_CalledOutsideAnObservation()
    {
        await ObservationScope.SharedAsync(_owner, "k", Load);
        await ObservationScope.RunAsync(() => ObservationScope.SharedAsync(_owner, "k", Load));
        await ObservationScope.SharedAsync(_owner, "k", Load);

        Assert.Equal(3, _loads);
    }

    [Fact]
    public async Task SharedAsync_Should_KeepOwnersAndKeysApart_When_BothAskInOneObservation()
    {
        await ObservationScope.RunAsync(async () =>
        {
            await ObservationScope.SharedAsync(_owner, "a", Load);
            await ObservationScope.SharedAsync(_owner, "b", Load);
            return await ObservationScope.SharedAsync(new object(), "a", Load);
        });

        Assert.Equal(3, _loads);
    }
}
