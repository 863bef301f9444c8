using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Reconciler.Controller;
using Reconciler.Leases;
using Reconciler.Tests.Integration;
using Reconciler.Tests.Leases;
using Xunit.Abstractions;

namespace Reconciler.Tests.Controller;

/// <summary>
/// Three controller replicas (in process, each with its own AWS clients and replica id) share one folder of six
/// environments through one lease table on moto_server, with a 3 s lease. One is then killed without releasing
/// anything; the others must take its environments over within a lease period, and no environment is ever
/// reconciled by two replicas at once.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ControllerServiceReplicasTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Short, so the takeover is quick, but not so short that a starved renewal loop (a CI machine at a load of 50 on
    // two cores missed a 3 s lease mid-pass) hands an environment over while its holder still runs a pass.
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(5);
    // What a takeover may take beyond the lease and its renewal: the pass's scheduling. On a CPU-starved CI machine (two
    // cores shared with builds) that alone took 3.2 s, and a clean-clone CI run missed a 6 s slack by 0.24 s, so the
    // slack is generous: the failure this bound catches is a takeover that waits for the resync (an hour here) or never
    // comes, not seconds of scheduling. The lease logic's own bound is exact, on a fake clock, in LeaseCoordinatorTests.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(15);
    private readonly string _dir = Directory.CreateTempSubdirectory("reconciler-replicas-").FullName;
    private readonly LeaseTable _table = new(LeaseDuration);
    private readonly ConcurrentQueue<ReconcilePass> _passes = new();
    private readonly List<Replica> _replicas = [];

    public Task InitializeAsync() => _table.Store("setup", TimeProvider.System).EnsureTableAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        _table.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A network of its own: a VPC and one subnet, enough to create, observe and converge quickly.</summary>
    private static string NetworkSpec(string env, int index) => $"""
        apiVersion: reconciler/v1
        kind: Environment
        metadata:
          name: {env}
        spec:
          region: {EngineHarness.Region}
          mode: enforce
          prune: true
          network:
            cidr: 10.{index}.0.0/16
            subnets:
              - {"{"} name: a, zone: {EngineHarness.Region}a, cidr: 10.{index}.0.0/24 {"}"}
        """;

    private string Logs() => string.Join(Environment.NewLine, _replicas.Select(r => r.Harness.LogText)) + Environment.NewLine +
                             string.Join(Environment.NewLine, _passes.Select(p => p.ToString())) + Environment.NewLine +
                             string.Join(Environment.NewLine, _replicas.Select(r => $"{r.Id} AWS calls: " + string.Join(", ", r.Harness.Aws.Metrics.Snapshot()
                                 .GroupBy(kv => $"{kv.Key.Service}:{kv.Key.Operation}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Sum(kv => kv.Value)}"))));

    private async Task Until(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}\n{Logs()}");
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Run_Should_ShareEnvironmentsAndTakeOverADeadReplicasWithinALeasePeriod_When_ThreeReplicasRun()
    {
        // Random names could leave a replica without any (a chance of (2/3)^6, about 9%): pick two per replica by the
        // same rendezvous hashing the coordinator uses, so "every replica gets some" is a property, not luck.
        var ids = new[] { "replica-1", "replica-2", "replica-3" };
        var environments = new List<string>();
        while (environments.Count < 6)
        {
            var name = TestSpecs.UniqueName($"rep{environments.Count}");
            var owner = Rendezvous.Owner(name, ids)!;
            if (environments.Count(e => Rendezvous.Owner(e, ids) == owner) < 2)
            {
                environments.Add(name);
            }
        }

        for (var i = 0; i < environments.Count; i++)
        {
            File.WriteAllText(Path.Combine(_dir, environments[i] + ".yaml"), NetworkSpec(environments[i], 100 + i));
        }

        foreach (var id in ids)
        {
            _replicas.Add(new Replica(id, _dir, _table.Options(id, create: false), _passes));
        }

        await Task.WhenAll(_replicas.Select(r => r.StartAsync()));

        // Every environment reconciled, by all three replicas between them. The waits are generous (a run at a load of 25
        // on two cores took 10 s to observe one environment and 17 s for a pass): they bound a hang, not the speed.
        await Until(() => environments.All(e => _passes.Any(p => p.Environment == e)) && _replicas.All(r => _passes.Any(p => p.Replica == r.Id)), TimeSpan.FromSeconds(90), "not every environment or replica had a pass");
        await Until(() => environments.All(e => _replicas.Any(r => r.Statuses.Find(e)?.Result is "repaired" or "in sync")), TimeSpan.FromSeconds(90), "not every environment converged");

        // Kill the replica holding the most: cut off from AWS at once, then stopped; it releases nothing.
        var victim = _replicas.OrderByDescending(r => r.Coordinator.Held.Count).First();
        var orphaned = victim.Coordinator.Held.Select(l => l.Environment).ToList();
        Assert.NotEmpty(orphaned);
        var killedAt = DateTimeOffset.UtcNow;
        victim.Kill();
        await victim.StopAsync();

        var takeoverBound = LeaseDuration + _table.Options("x").RenewInterval + Slack;
        await Until(() => orphaned.All(e => _passes.Any(p => p.Environment == e && p.Replica != victim.Id && p.Started > killedAt)), takeoverBound + TimeSpan.FromSeconds(15), "the dead replica's environments were not taken over");
        await Until(() => orphaned.All(e => _replicas.Any(r => r != victim && r.Statuses.Find(e)?.Result is "repaired" or "in sync")), TimeSpan.FromSeconds(90), "taken-over environments did not converge");
        foreach (var replica in _replicas.Where(r => r != victim))
        {
            await replica.StopAsync();
        }

        var passes = _passes.ToList();
        var takeovers = orphaned.Select(e => passes.Where(p => p.Environment == e && p.Replica != victim.Id && p.Started > killedAt).Min(p => p.Started) - killedAt).ToList();
        output.WriteLine($"passes by replica: {string.Join(", ", passes.GroupBy(p => p.Replica).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"))}; " +
                         $"killed {victim.Id} holding {orphaned.Count}; taken over after {string.Join(", ", takeovers.Select(t => $"{t.TotalSeconds:0.00} s"))} (bound {takeoverBound.TotalSeconds} s)");
        Assert.All(takeovers, t => Assert.True(t <= takeoverBound, $"taken over after {t.TotalSeconds:0.00} s, more than {takeoverBound.TotalSeconds} s\n{Logs()}"));
        Assert.All(passes, p => Assert.NotNull(p.Generation));
        foreach (var group in passes.GroupBy(p => p.Environment))
        {
            var ordered = group.OrderBy(p => p.Started).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                for (var j = i + 1; j < ordered.Count; j++)
                {
                    // A fenced pass found its lease lost before changing anything: on a loaded machine it may end after
                    // the next holder began (what the fence is for), and it wrote nothing meanwhile.
                    Assert.True(ordered[i].Ended <= ordered[j].Started || ordered[i].Fenced, $"overlapping passes of {group.Key}: {ordered[i]} and {ordered[j]}\n{Logs()}");
                }

                if (i > 0)
                {
                    Assert.True(ordered[i].Generation >= ordered[i - 1].Generation, $"generation went down for {group.Key}: {ordered[i - 1]} then {ordered[i]}");
                    if (ordered[i].Replica != ordered[i - 1].Replica)
                    {
                        Assert.True(ordered[i].Generation > ordered[i - 1].Generation, $"a new holder without a new generation for {group.Key}: {ordered[i - 1]} then {ordered[i]}");
                    }
                }
            }
        }

        // One VPC per environment: no two replicas ever created the same thing.
        using var check = new EngineHarness();
        foreach (var env in environments)
        {
            var vpcs = (await check.OwnershipTags(env)).Where(t => t.ResourceType == "vpc").Select(t => t.ResourceId).Distinct().ToList();
            Assert.Single(vpcs);
        }
    }

    /// <summary>One controller replica as <c>reconciler run --lease-table</c> wires it, with a switch that kills its network.</summary>
    private sealed class Replica : IAsyncDisposable
    {
        private readonly WorkQueue _queue;
        private readonly FolderSource _source;
        private readonly ControllerService _controller;
        private volatile bool _dead;
        private bool _stopped;

        public Replica(string id, string dir, LeaseOptions options, ConcurrentQueue<ReconcilePass> passes)
        {
            Id = id;
            Harness = new EngineHarness(wrapHandler: SeveredHandler.Wrap(() => _dead));
            _queue = new WorkQueue(TimeProvider.System, new WorkQueueOptions(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)));
            _source = new FolderSource(dir, TimeProvider.System, debounce: TimeSpan.FromMilliseconds(300));
            var store = new LeaseStore(Harness.Aws.DynamoDb(EngineHarness.Region), Harness.Aws.Runner, options, TimeProvider.System);
            Coordinator = new LeaseCoordinator(store, options, TimeProvider.System, Harness.Loggers.CreateLogger<LeaseCoordinator>());
            var controllerOptions = new ControllerOptions([dir], [], Resync: TimeSpan.FromHours(1), Rescan: TimeSpan.FromMilliseconds(500), Workers: 2, Listen: null) { Leases = options };
            var metrics = new ControllerMetrics(Harness.Aws.Metrics, () => _queue.Depth, Statuses);
            _controller = new ControllerService(controllerOptions, [_source], new SpecCatalog(), _queue, Harness.Engine, Statuses, metrics, TimeProvider.System, Harness.Loggers.CreateLogger<ControllerService>(), Coordinator)
            {
                PassObserved = passes.Enqueue,
            };
        }

        public string Id { get; }

        public EngineHarness Harness { get; }

        public LeaseCoordinator Coordinator { get; }

        public StatusStore Statuses { get; } = new();

        public Task StartAsync() => _controller.StartAsync(CancellationToken.None);

        public void Kill() => _dead = true;

        public async Task StopAsync()
        {
            if (!_stopped)
            {
                _stopped = true;
                await _controller.StopAsync(CancellationToken.None);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _controller.Dispose();
            _source.Dispose();
            _queue.Dispose();
            Harness.Dispose();
        }
    }
}
