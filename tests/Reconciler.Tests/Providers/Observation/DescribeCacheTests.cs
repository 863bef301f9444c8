using Reconciler.Providers.Observation;

namespace Reconciler.Tests.Providers.Observation;

public sealed class DescribeCacheTests
{
    private readonly DescribeCache<string> _cache = new();
    private int _loads;

    private Task<string> Load(string value)
    {
        _loads++;
        return Task.FromResult(value);
    }

    [Fact]
    public async Task GetAsync_Should_ReadOnce_When_TheVersionStaysTheSame()
    {
        await _cache.GetAsync("arn:1", "ISSUED", () => Load("first"));
        var again = await _cache.GetAsync("arn:1", "ISSUED", () => Load("second"));

        Assert.Equal("first", again);
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task GetAsync_Should_ReadAgain_When_TheVersionChanges()
    {
        await _cache.GetAsync("arn:1", "ISSUED", () => Load("first"));
        var again = await _cache.GetAsync("arn:1", "REVOKED", () => Load("second"));

        Assert.Equal("second", again);
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task GetAsync_Should_NotKeepTheValue_When_ItIsNotCacheable()
    {
        await _cache.GetAsync("arn:1", "PENDING_VALIDATION", () => Load("pending"), _ => false);
        await _cache.GetAsync("arn:1", "PENDING_VALIDATION", () => Load("pending"), _ => false);

        Assert.Equal(2, _loads);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task Keep_Should_DropEntries_When_TheLatestListingNoLongerShowsThem()
    {
        await _cache.GetAsync("arn:1", string.Empty, () => Load("one"));
        await _cache.GetAsync("arn:2", string.Empty, () => Load("two"));

        _cache.Keep(["arn:2"]);

        Assert.Equal(1, _cache.Count);
        Assert.Equal("two", await _cache.GetAsync("arn:2", string.Empty, () => Load("new")));
        Assert.Equal("new one", await _cache.GetAsync("arn:1", string.Empty, () => Load("new one")));
    }
}
