using Reconciler.Providers.Observation;

namespace Reconciler.Tests.Providers.Observation;

public sealed class DetailMemoryTests
{
    private static readonly HashSet<string> Nobody = [];
    private readonly DetailMemory<string> _memory = new();
    private int _reads;

    private Task<string> Read(string value)
    {
        _reads++;
        return Task.FromResult(value);
    }

    [Fact]
    public async Task GetAsync_Should_ReuseTheLastValue_When_TheObservationDoesNotDetailTheEnvironment()
    {
        await _memory.GetAsync("vpc-1", "a", () => Read("first"));
        var shallow = await ObservationScope.RunAsync(() => _memory.GetAsync("vpc-1", "a", () => Read("second")), Nobody);

        Assert.Equal("first", shallow);
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task GetAsync_Should_Read_When_TheEnvironmentIsDetailedOrNothingIsRemembered()
    {
        var first = await ObservationScope.RunAsync(() => _memory.GetAsync("vpc-1", "a", () => Read("first")), Nobody);
        var detailed = await ObservationScope.RunAsync(() => _memory.GetAsync("vpc-1", "a", () => Read("second")), new HashSet<string> { "a" });
        var all = await ObservationScope.RunAsync(() => _memory.GetAsync("vpc-1", "a", () => Read("third")));
        var outside = await _memory.GetAsync("vpc-1", "a", () => Read("fourth"));

        Assert.Equal(["first", "second", "third", "fourth"], [first, detailed, all, outside]);
        Assert.Equal(4, _reads);
    }

    [Fact]
    public async Task GetAsync_Should_Read_When_TheVersionOrTheOwnerDiffers()
    {
        await _memory.GetAsync("cluster-1", "a", () => Read("first"), version: "svc-1");
        var otherNames = await ObservationScope.RunAsync(() => _memory.GetAsync("cluster-1", "a", () => Read("second"), version: "svc-1\nsvc-2"), Nobody);
        var otherOwner = await ObservationScope.RunAsync(() => _memory.GetAsync("cluster-1", "b", () => Read("third"), version: "svc-1\nsvc-2"), Nobody);

        Assert.Equal(["second", "third"], [otherNames, otherOwner]);
        Assert.Equal(3, _reads);
    }

    [Fact]
    public async Task GetAsync_Should_NotRemember_When_TheValueNamesNoOwner()
    {
        await _memory.GetAsync("repo-1", null, () => Read("untagged"), v => v == "ours" ? "a" : null);
        await ObservationScope.RunAsync(() => _memory.GetAsync("repo-1", null, () => Read("ours"), v => v == "ours" ? "a" : null), Nobody);
        var reused = await ObservationScope.RunAsync(() => _memory.GetAsync("repo-1", null, () => Read("changed"), v => v == "ours" ? "a" : null), Nobody);

        Assert.Equal("ours", reused);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task Keep_Should_DropIdsTheListingOfTheirEnvironmentNoLongerShows_When_Called()
    {
        await _memory.GetAsync("vpc-1", "a", () => Read("1"));
        await _memory.GetAsync("vpc-2", "a", () => Read("2"));
        await _memory.GetAsync("vpc-3", "b", () => Read("3"));

        _memory.Keep(["a"], ["vpc-2"]);

        Assert.Equal(2, _memory.Count);
        var reread = await ObservationScope.RunAsync(() => _memory.GetAsync("vpc-1", "a", () => Read("again")), Nobody);
        Assert.Equal("again", reread);
    }

    [Fact]
    public async Task Keep_Should_DropOtherEnvironments_When_TheObservationRotates()
    {
        await _memory.GetAsync("vpc-1", "a", () => Read("1"));
        await _memory.GetAsync("vpc-3", "gone", () => Read("3"));

        await ObservationScope.RunAsync(() =>
        {
            _memory.Keep(["a"], ["vpc-1"]);
            return Task.FromResult(0);
        }, Nobody);

        Assert.Equal(1, _memory.Count);
    }

    [Fact]
    public async Task Forget_Should_MakeTheNextShallowObservationRead_When_WeChangedTheResource()
    {
        await _memory.GetAsync("vpc-1", "a", () => Read("before"));
        _memory.Forget("vpc-1");
        var after = await ObservationScope.RunAsync(() => _memory.GetAsync("vpc-1", "a", () => Read("after")), Nobody);

        Assert.Equal("after", after);
    }
}
