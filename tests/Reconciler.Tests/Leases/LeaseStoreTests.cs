using Microsoft.Extensions.Time.Testing;
using Reconciler.Leases;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Leases;

/// <summary>The DynamoDB lease store on moto_server, with a fake clock: acquire, conflict, takeover, fencing, release.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LeaseStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private readonly LeaseTable _table = new(Duration);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private LeaseStore _a = null!;
    private LeaseStore _b = null!;

    public async Task InitializeAsync()
    {
        _a = _table.Store("replica-a", _time);
        _b = _table.Store("replica-b", _time);
        await _a.EnsureTableAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _table.Dispose();

    [Fact]
    public async Task TryAcquire_Should_GiveGenerationOneAndRefuseOthers_When_TheLeaseIsFreeThenHeld()
    {
        var env = TestSpecs.UniqueName("env");
        var acquiredAt = _time.GetUtcNow();

        var first = await _a.TryAcquireAsync(env, CancellationToken.None);
        _time.Advance(Duration - TimeSpan.FromSeconds(1));
        var conflict = await _b.TryAcquireAsync(env, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Equal(("replica-a", 1L), (first.Holder, first.Generation));
        Assert.Equal((acquiredAt + Duration).ToUnixTimeMilliseconds(), first.ExpiresAt.ToUnixTimeMilliseconds());
        Assert.Null(conflict);
        var view = await _b.ReadAsync(CancellationToken.None);
        Assert.Equal("replica-a", view.Leases[env].Holder);
    }

    [Fact]
    public async Task TryAcquire_Should_TakeOverWithAHigherGeneration_When_TheLeaseLapsed()
    {
        var env = TestSpecs.UniqueName("env");
        var held = (await _a.TryAcquireAsync(env, CancellationToken.None))!;

        _time.Advance(Duration + TimeSpan.FromMilliseconds(1));
        var taken = await _b.TryAcquireAsync(env, CancellationToken.None);
        var renewedByOld = await _a.RenewAsync(held, CancellationToken.None);
        var releasedByOld = await _a.ReleaseAsync(held, CancellationToken.None);

        Assert.NotNull(taken);
        Assert.Equal(("replica-b", 2L), (taken.Holder, taken.Generation));
        Assert.Null(renewedByOld); // fencing: the old holder's check fails, so it must not mutate
        Assert.False(releasedByOld);
        Assert.Equal("replica-b", (await _a.ReadAsync(CancellationToken.None)).Leases[env].Holder);
    }

    [Fact]
    public async Task Renew_Should_ExtendTheLease_When_StillHeldWithTheSameGeneration()
    {
        var env = TestSpecs.UniqueName("env");
        var held = (await _a.TryAcquireAsync(env, CancellationToken.None))!;

        _time.Advance(Duration / 2);
        var renewed = await _a.RenewAsync(held, CancellationToken.None);
        _time.Advance(Duration / 2 + TimeSpan.FromSeconds(1));
        var stillRefused = await _b.TryAcquireAsync(env, CancellationToken.None);

        Assert.NotNull(renewed);
        Assert.Equal(held.Generation, renewed.Generation);
        Assert.True(renewed.ExpiresAt > held.ExpiresAt);
        Assert.Null(stillRefused); // the renewal moved the expiry past the original one
    }

    [Fact]
    public async Task Release_Should_LetAnotherReplicaAcquireAtOnceWithAHigherGeneration_When_TheHolderReleases()
    {
        var env = TestSpecs.UniqueName("env");
        var held = (await _a.TryAcquireAsync(env, CancellationToken.None))!;

        var released = await _a.ReleaseAsync(held, CancellationToken.None);
        var taken = await _b.TryAcquireAsync(env, CancellationToken.None);
        var renewedAfterRelease = await _a.RenewAsync(held, CancellationToken.None);

        Assert.True(released);
        Assert.NotNull(taken);
        Assert.Equal(2, taken.Generation);
        Assert.Null(renewedAfterRelease);
    }

    [Fact]
    public async Task Read_Should_ListOnlyReplicasWithALiveHeartbeat_When_OneStoppedBeating()
    {
        var c = _table.Store("replica-c", _time);
        await _a.HeartbeatAsync(CancellationToken.None);
        await c.HeartbeatAsync(CancellationToken.None);

        var both = await _b.ReadAsync(CancellationToken.None);
        _time.Advance(Duration / 2);
        await c.HeartbeatAsync(CancellationToken.None);
        _time.Advance(Duration / 2 + TimeSpan.FromSeconds(1));
        var onlyC = await _b.ReadAsync(CancellationToken.None);
        await c.RemoveHeartbeatAsync(CancellationToken.None);
        var none = await _b.ReadAsync(CancellationToken.None);

        Assert.Equal(["replica-a", "replica-c"], both.LiveReplicas);
        Assert.Equal(["replica-c"], onlyC.LiveReplicas);
        Assert.Empty(none.LiveReplicas);
    }

    [Fact]
    public async Task EnsureTable_Should_RefuseToStart_When_TheTableIsMissingAndCreationWasNotAsked()
    {
        using var missing = new LeaseTable(Duration);
        var store = missing.Store("replica-a", _time, create: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.EnsureTableAsync(CancellationToken.None));

        Assert.Contains(missing.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains("--create-lease-table", error.Message, StringComparison.Ordinal);
    }
}
