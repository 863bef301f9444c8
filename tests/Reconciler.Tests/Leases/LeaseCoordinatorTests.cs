using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Leases;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Leases;

/// <summary>Three coordinators sharing one lease table on moto_server, driven round by round on a fake clock.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LeaseCoordinatorTests : IDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private readonly LeaseTable _table = new(Duration);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    /// <summary>
    /// Nine names, three owned by each replica under rendezvous hashing: nine random names left r2 without any about
    /// 2.6% of the time ((2/3)^9), and the rejoin test needs a share for it.
    /// </summary>
    private readonly string[] _environments = [.. new[] { "r1", "r2", "r3" }.SelectMany(r => Enumerable.Range(0, int.MaxValue)
        .Select(i => TestSpecs.UniqueName($"co{i}"))
        .Where(name => Rendezvous.Owner(name, ["r1", "r2", "r3"]) == r)
        .Take(3))];
    private readonly Dictionary<string, LeaseCoordinator> _replicas;
    private readonly List<(string Replica, string Environment)> _acquired = [];

    public LeaseCoordinatorTests()
    {
        _replicas = new[] { "r1", "r2", "r3" }.ToDictionary(r => r, r =>
        {
            var coordinator = new LeaseCoordinator(_table.Store(r, _time), _table.Options(r), _time, NullLogger<LeaseCoordinator>.Instance);
            coordinator.Acquired += env =>
            {
                lock (_acquired)
                {
                    _acquired.Add((r, env));
                }
            };
            return coordinator;
        });
    }

    public void Dispose() => _table.Dispose();

    private async Task Round(params string[] replicas)
    {
        foreach (var replica in replicas)
        {
            await _replicas[replica].TickAsync(_environments, CancellationToken.None);
        }
    }

    private Dictionary<string, Lease> HeldBy(params string[] replicas) =>
        replicas.SelectMany(r => _replicas[r].Held).ToDictionary(l => l.Environment, StringComparer.Ordinal);

    private async Task StartAll()
    {
        foreach (var coordinator in _replicas.Values)
        {
            await coordinator.StartAsync(CancellationToken.None);
        }

        await Round("r1", "r2", "r3"); // the first round only announces each replica
        await Round("r1", "r2", "r3");
    }

    [Fact]
    public async Task Tick_Should_ShareEveryEnvironmentOnceByRendezvous_When_ThreeReplicasRun()
    {
        await StartAll();

        var held = _replicas.SelectMany(kv => kv.Value.Held.Select(l => (Replica: kv.Key, Lease: l))).ToList();
        Assert.Equal(_environments.Order(StringComparer.Ordinal), held.Select(h => h.Lease.Environment).Order(StringComparer.Ordinal)); // each exactly once
        Assert.All(held, h => Assert.Equal(Rendezvous.Owner(h.Lease.Environment, ["r1", "r2", "r3"]), h.Replica));
        Assert.All(held, h => Assert.Equal(1, h.Lease.Generation));
        Assert.Equal(held.Select(h => (h.Replica, h.Lease.Environment)).Order(), _acquired.Order());
        Assert.Equal(["r1", "r2", "r3"], _replicas["r1"].LiveReplicas);
    }

    [Fact]
    public async Task Tick_Should_TakeOverADeadReplicasEnvironmentsWithinOneLeasePeriod_When_ItStopsRenewing()
    {
        await StartAll();
        var orphaned = _replicas["r2"].Held;
        Assert.NotEmpty(orphaned);

        // r2 dies: it never ticks again. The others tick every renew interval.
        var elapsed = TimeSpan.Zero;
        while (orphaned.Any(l => !HeldBy("r1", "r3").ContainsKey(l.Environment)) && elapsed <= Duration + _table.Options("r1").RenewInterval)
        {
            _time.Advance(_table.Options("r1").RenewInterval);
            elapsed += _table.Options("r1").RenewInterval;
            await Round("r1", "r3");
        }

        var survivors = HeldBy("r1", "r3");
        Assert.True(elapsed <= Duration + _table.Options("r1").RenewInterval, $"taken over only after {elapsed}");
        Assert.Equal(_environments.Order(StringComparer.Ordinal), survivors.Keys.Order(StringComparer.Ordinal));
        Assert.All(orphaned, l => Assert.Equal(l.Generation + 1, survivors[l.Environment].Generation));
        Assert.Equal(["r1", "r3"], _replicas["r1"].LiveReplicas);
        Assert.False(await _replicas["r2"].ConfirmAsync(orphaned[0], CancellationToken.None)); // the old holder is fenced off
        Assert.DoesNotContain(_replicas["r2"].Held, l => l.Environment == orphaned[0].Environment);
    }

    [Fact]
    public async Task Tick_Should_HandEnvironmentsBackOnlyAfterThePassInFlight_When_AReplicaRejoins()
    {
        await StartAll();
        var r2Share = _replicas["r2"].Held.Select(l => l.Environment).ToList();
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(_table.Options("r1").RenewInterval);
            await Round("r1", "r3");
        }

        Assert.All(r2Share, e => Assert.Contains(e, HeldBy("r1", "r3").Keys));
        var busy = r2Share[0];
        var busyHolder = _replicas.Single(kv => kv.Key != "r2" && kv.Value.Find(busy) is not null).Value;
        Assert.NotNull(busyHolder.Begin(busy)); // a pass is in flight there

        await Round("r2"); // r2 beats again (its old leases were taken: it holds nothing)
        await Round("r1", "r3"); // the others see it and hand back what is idle
        await Round("r2");
        var whileBusy = HeldBy("r2");
        busyHolder.End(busy);
        await Round("r1", "r3");
        await Round("r2");

        Assert.DoesNotContain(busy, whileBusy.Keys);
        Assert.Equal(r2Share.Skip(1).Order(StringComparer.Ordinal), whileBusy.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(r2Share.Order(StringComparer.Ordinal), HeldBy("r2").Keys.Order(StringComparer.Ordinal));
        Assert.All(HeldBy("r2").Values, l => Assert.Equal(3, l.Generation)); // r2, then a survivor, then r2 again
        Assert.Equal(_environments.Length, HeldBy("r1", "r2", "r3").Count);
    }

    [Fact]
    public async Task Tick_Should_ReadOnlyTheRegistryAndRewriteNoLease_When_ThreeReplicasHoldManyEnvironments()
    {
        // A round used to Scan the whole table (an item per environment and per replica) and renew every held lease: 600
        // environments made it at least 600 items read and 600 writes. Now a steady round is each replica's heartbeat,
        // one UpdateItem that hands the registry item back (no read capacity:
        // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html), whatever the environments.
        var reads = new DynamoDbReads();
        using var table = new LeaseTable(Duration, wrapHandler: DynamoDbReads.Wrap(reads));
        string[] ids = ["m1", "m2", "m3"];
        var environments = Enumerable.Range(0, 600).Select(i => TestSpecs.UniqueName($"many{i}")).ToList();
        var replicas = ids.Select(r => new LeaseCoordinator(table.Store(r, _time), table.Options(r), _time, NullLogger<LeaseCoordinator>.Instance)).ToList();
        foreach (var replica in replicas)
        {
            await replica.StartAsync(CancellationToken.None);
        }

        async Task<DynamoDbCost> RoundOf(IEnumerable<LeaseCoordinator> tickers)
        {
            var before = reads.Now();
            foreach (var replica in tickers)
            {
                await replica.TickAsync(environments, CancellationToken.None);
            }

            _time.Advance(table.Options("m1").RenewInterval);
            return reads.Since(before);
        }

        await RoundOf(replicas);
        var acquiring = await RoundOf(replicas);
        var steady = new[] { await RoundOf(replicas), await RoundOf(replicas) };

        Assert.Equal(environments.Count, replicas.Sum(r => r.Held.Count));
        Assert.All(steady, round =>
        {
            Assert.True(round.Calls <= ids.Length, $"a steady round of {ids.Length} replicas made {round}");
            Assert.Equal(0, round.ItemsRead);
            Assert.False(round.CallsByOperation.ContainsKey("Scan"), round.ToString());
        });
        // Acquiring reads only the items it takes (BatchGetItem, 100 a call) and writes each once.
        Assert.InRange(acquiring.ItemsRead, 0, environments.Count);
        Assert.InRange(acquiring.CallsByOperation.GetValueOrDefault("BatchGetItem"), 1, (environments.Count / 100) + ids.Length);

        // One replica dies: the others read the registry, expel it and read and take only its share.
        var survivors = replicas.Take(2).ToList();
        var share = replicas[2].Held.Count;
        var takeover = new List<DynamoDbCost>();
        while (survivors.Sum(r => r.Held.Count) < environments.Count && takeover.Count < 6)
        {
            takeover.Add(await RoundOf(survivors));
        }

        Assert.Equal(environments.Count, survivors.Sum(r => r.Held.Count));
        Assert.InRange(takeover.Sum(t => t.ItemsRead), share, share + ids.Length);
        Assert.All(takeover.SkipLast(1), round => Assert.True(round.Calls <= survivors.Count, round.ToString())); // waiting for the lapse costs a heartbeat each
    }

    [Fact]
    public async Task Begin_Should_RefusePassesOnceTheHeartbeatLapsedAndResume_When_DynamoDbIsUnreachableForAWhile()
    {
        var cut = false;
        using var table = new LeaseTable(Duration, wrapHandler: SeveredHandler.Wrap(() => cut));
        var coordinator = new LeaseCoordinator(table.Store("u1", _time), table.Options("u1"), _time, NullLogger<LeaseCoordinator>.Instance);
        var acquired = new List<string>();
        coordinator.Acquired += acquired.Add;
        string[] environments = [TestSpecs.UniqueName("unreachable")];
        await coordinator.StartAsync(CancellationToken.None);
        await coordinator.TickAsync(environments, CancellationToken.None);
        await coordinator.TickAsync(environments, CancellationToken.None);
        var held = coordinator.Find(environments[0]);

        cut = true;
        _time.Advance(table.Options("u1").RenewInterval);
        await Assert.ThrowsAsync<AwsCallException>(() => coordinator.TickAsync(environments, CancellationToken.None));
        var stillValid = coordinator.Begin(environments[0]) is not null;
        coordinator.End(environments[0]);
        _time.Advance(Duration);
        var afterLapse = coordinator.Begin(environments[0]);
        cut = false;
        await coordinator.TickAsync(environments, CancellationToken.None);
        var resumed = coordinator.Begin(environments[0]);

        Assert.NotNull(held);
        Assert.True(stillValid); // valid until the last heartbeat that got through lapses
        Assert.Null(afterLapse); // then no pass starts
        Assert.NotNull(resumed); // nobody took it meanwhile: the next heartbeat revives it, same generation
        Assert.Equal(held.Generation, resumed.Generation);
        Assert.Equal([environments[0], environments[0]], acquired); // acquired, then looked at again once revived
    }
}
