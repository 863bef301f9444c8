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
        var leases = await _b.ReadLeasesAsync([env], CancellationToken.None);
        Assert.Equal("replica-a", leases[env].Holder);
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
        Assert.Equal("replica-b", (await _a.ReadLeasesAsync([env], CancellationToken.None))[env].Holder);
    }

    [Fact]
    public async Task Heartbeat_Should_ExtendEveryHeldLease_When_StillHeldWithTheSameGeneration()
    {
        var env = TestSpecs.UniqueName("env");
        var held = (await _a.TryAcquireAsync(env, CancellationToken.None))!;

        // A held lease is valid while its holder's heartbeat is: the heartbeat renews it, not a write of its own.
        _time.Advance(Duration / 2);
        await _a.HeartbeatAsync(CancellationToken.None);
        var renewed = await _a.RenewAsync(held, CancellationToken.None);
        _time.Advance(Duration / 2 + TimeSpan.FromSeconds(1));
        var stillRefused = await _b.TryAcquireAsync(env, CancellationToken.None);

        Assert.NotNull(renewed);
        Assert.Equal(held.Generation, renewed.Generation);
        Assert.True(renewed.ExpiresAt > held.ExpiresAt);
        Assert.Null(stillRefused); // the heartbeat moved the expiry past the original one
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
    public async Task ReadRegistry_Should_ListOnlyReplicasWithALiveHeartbeat_When_OneStoppedBeating()
    {
        var c = _table.Store("replica-c", _time);
        await _a.HeartbeatAsync(CancellationToken.None);
        await c.HeartbeatAsync(CancellationToken.None);

        var both = (await _b.ReadRegistryAsync(CancellationToken.None)).LiveReplicas(_time.GetUtcNow());
        _time.Advance(Duration / 2);
        await c.HeartbeatAsync(CancellationToken.None);
        _time.Advance(Duration / 2 + TimeSpan.FromSeconds(1));
        var onlyC = (await _b.ReadRegistryAsync(CancellationToken.None)).LiveReplicas(_time.GetUtcNow());
        await c.RemoveHeartbeatAsync(CancellationToken.None);
        var none = (await _b.ReadRegistryAsync(CancellationToken.None)).LiveReplicas(_time.GetUtcNow());

        Assert.Equal(["replica-a", "replica-c"], both);
        Assert.Equal(["replica-c"], onlyC);
        Assert.Empty(none);
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

    [Fact]
    public async Task TryAcquire_Should_RefuseTheLease_When_ItsHolderRegisteredAfterTheRegistryWasRead()
    {
        var env = TestSpecs.UniqueName("env");
        var c = _table.Store("replica-c", _time);
        Assert.NotNull(await _a.TryAcquireAsync(env, CancellationToken.None));
        _time.Advance(Duration + TimeSpan.FromSeconds(1));
        var taken = await _b.TryAcquireAsync(env, CancellationToken.None); // expels a, takes the lease
        var staleRegistry = await c.ExpelLapsedAsync(await c.HeartbeatAsync(CancellationToken.None), CancellationToken.None);

        // b now lapses in turn; a comes back (a new incarnation, newer than c's read) and takes the lease from b's dead one.
        _time.Advance(Duration + TimeSpan.FromSeconds(1));
        var rejoined = await _a.HeartbeatAsync(CancellationToken.None);
        var back = await _a.TryAcquireAsync(env, CancellationToken.None);
        var now = (await c.ReadLeasesAsync([env], CancellationToken.None))[env];
        var staleTakeover = await c.TryAcquireAsync(env, now, staleRegistry, CancellationToken.None);

        Assert.NotNull(taken);
        Assert.True(rejoined.Rejoined); // a had been expelled: it must drop whatever it held
        Assert.NotNull(back);
        Assert.Equal(3, back.Generation);
        Assert.True(now.Incarnation > staleRegistry.Version, $"incarnation {now.Incarnation}, registry read at version {staleRegistry.Version}");
        Assert.False(staleRegistry.IsDead(now.Incarnation!.Value)); // registered after c's read: not judged dead
        Assert.Null(staleTakeover);
        Assert.Equal("replica-a", (await c.ReadLeasesAsync([env], CancellationToken.None))[env].Holder);
    }

    [Fact]
    public async Task TryAcquire_Should_TakeAnOlderVersionsLeaseOnlyOnceItLapsed_When_TheItemCarriesItsOwnExpiry()
    {
        // Written by a replica of the Scan-based version (same table, same key): its own expiresAt decides, as it did there.
        var env = TestSpecs.UniqueName("env");
        await _table.PutOlderVersionLeaseAsync(env, "old-replica", 4, _time.GetUtcNow() + Duration);

        var refused = await _a.TryAcquireAsync(env, CancellationToken.None);
        _time.Advance(Duration + TimeSpan.FromMilliseconds(1));
        var taken = await _a.TryAcquireAsync(env, CancellationToken.None);
        var record = (await _b.ReadLeasesAsync([env], CancellationToken.None))[env];

        Assert.Null(refused);
        Assert.NotNull(taken);
        Assert.Equal(("replica-a", 5L), (taken.Holder, taken.Generation));
        Assert.Null(record.LegacyExpiresAt); // no expiry of its own any more: an older replica cannot take it back
        Assert.NotNull(record.Incarnation);
    }
}
