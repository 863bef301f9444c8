using Reconciler.Controller;
using Reconciler.Tests.Integration;
using Xunit.Abstractions;

namespace Reconciler.Tests.Controller;

/// <summary>
/// Issue 16, items 1 and 3, end to end on moto_server under a watched folder with <c>prune: true</c>: a spec that
/// blinks (moved out and back, the folder emptied, delete-then-create) changes nothing in AWS, a spec gone for longer
/// than its grace is pruned after tombstone log lines, and a spec that returns after a prune is observed afresh rather
/// than answered from a shared snapshot taken before the deletion.
/// S3 and folders really do show a spec absent for a moment (S3 lists strongly consistently after a DELETE, with no
/// atomic update across keys: https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel).
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ControllerServiceTombstoneTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>How long the spec stays away in the blink tests (the 30 seconds), well within the default grace.</summary>
    private static readonly TimeSpan Away = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output = output;
    private readonly ControllerRig _rig = new();
    private readonly string _held = Directory.CreateTempSubdirectory("reconciler-held-").FullName;

    private EngineHarness H => _rig.H;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        Directory.Delete(_held, recursive: true);
    }

    /// <summary>The kinds the issue saw deleted: a VPC with subnets, an internet gateway and its route table, a security group, a repository, a cluster and a log group.</summary>
    private static string Spec(string env) => ControllerRig.SmallSpec(env, $$"""
        repositories:
          - { name: app }
        clusters:
          - { name: app }
        logGroups:
          - { name: /ecs/{{env}}, retentionDays: 7 }
        """);

    /// <summary>One pruning environment and a suspended bystander in the folder, converged; returns the pruning one's path.</summary>
    private async Task<string> StartConverged(string env, TimeSpan? pruneGrace = null)
    {
        var path = Path.Combine(_rig.Dir, env + ".yaml");
        await File.WriteAllTextAsync(path, Spec(env));
        await File.WriteAllTextAsync(Path.Combine(_rig.Dir, "bystander.yaml"), ControllerRig.Bystander(TestSpecs.UniqueName("by")));
        await _rig.StartAsync(pruneGrace: pruneGrace);
        await _rig.Until(env, s => s.Result is "repaired" or "in sync");
        return path;
    }

    /// <summary>
    /// The AWS ids of what the environment owns, as the engine finds them (moto's DescribeTags still lists the tags of
    /// some deleted resources, so the tags alone cannot say what is gone).
    /// </summary>
    private async Task<List<string>> OwnedIds(string env)
    {
        var plan = await H.Engine.PlanAsync(TestSpecs.Load(Spec(env)).Graph, new(true, Destroy: true), CancellationToken.None);
        return [.. plan.Steps.Where(s => s.Observed is not null).Select(s => s.AwsId!).Order(StringComparer.Ordinal)];
    }

    /// <summary>Creates, updates and deletes made through the harness's AWS clients so far (every attempt counts).</summary>
    private long Mutating => H.Aws.Metrics.Mutating;

    /// <summary>Resyncs the environment and waits for the pass after the call: what AWS says now.</summary>
    private async Task<EnvironmentStatus> Resynced(string env)
    {
        var before = _rig.Statuses.Find(env)?.LastPass;
        _rig.Controller!.Resync();
        return await _rig.Until(env, s => s.LastPass > before && s.Result is not "observing");
    }

    /// <summary>Waits (60 s at most) until the environment's status is gone: pruned and forgotten.</summary>
    private async Task UntilPruned(string env)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_rig.Statuses.Find(env) is not null)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{env} was not pruned within 60 s: {_rig.Statuses.Find(env)}\n{H.LogText}");
            }

            await Task.Delay(100);
        }
    }

    private int LogIndex(string text) => H.Logs.Lines.ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task Run_Should_ChangeNothingInAws_When_ASpecIsMovedOutAndBackWithinTheGrace()
    {
        var env = TestSpecs.UniqueName("blink");
        var path = await StartConverged(env);
        var ids = await OwnedIds(env);
        var mutating = Mutating;

        File.Move(path, Path.Combine(_held, "held.yaml"));
        var tombstoned = await _rig.Until(env, s => s.Result == "tombstoned");
        await Task.Delay(Away);
        File.Move(Path.Combine(_held, "held.yaml"), path);
        var back = await _rig.Until(env, s => s.LastPass > tombstoned.LastPass && s.Result is not ("tombstoned" or "observing"));
        var after = await Resynced(env);

        Assert.True(tombstoned.PruneInSeconds > 500, $"{tombstoned}"); // the default grace, 10 minutes, counts down
        Assert.NotNull(tombstoned.PruneAt);
        Assert.Equal("in sync", back.Result);
        Assert.Equal("in sync", after.Result);
        Assert.Equal(mutating, Mutating); // not one create, update or delete
        Assert.Equal(ids, await OwnedIds(env));
        Assert.True(LogIndex($"Spec of {env} ({path}) is gone: tombstoned") >= 0, H.LogText);
        Assert.True(LogIndex($"Spec of {env} is back ({path}): tombstone cancelled") >= 0, H.LogText);
        Assert.Equal(-1, LogIndex("pruning"));
        _output.WriteLine($"moved out for {Away.TotalSeconds} s: {ids.Count} owned resources kept with the same ids, {Mutating - mutating} mutating calls");
    }

    [Fact]
    public async Task Run_Should_HoldEveryRemovalAndChangeNothing_When_TheWatchedFolderIsEmptiedForAWhile()
    {
        var env = TestSpecs.UniqueName("empty");
        await StartConverged(env);
        var ids = await OwnedIds(env);
        var mutating = Mutating;

        foreach (var file in Directory.EnumerateFiles(_rig.Dir))
        {
            File.Move(file, Path.Combine(_held, Path.GetFileName(file)));
        }

        var held = await _rig.Until(env, s => s.Problems.Any(p => p.Contains("lists no spec at all", StringComparison.Ordinal)));
        await Task.Delay(Away);
        var during = _rig.Statuses.Find(env)!;
        foreach (var file in Directory.EnumerateFiles(_held))
        {
            File.Move(file, Path.Combine(_rig.Dir, Path.GetFileName(file)));
        }

        await _rig.Until(env, s => s.Problems.Count == 0);
        var after = await Resynced(env);

        Assert.NotEqual("tombstoned", during.Result); // nothing was even taken for removed
        Assert.False(_rig.Catalog!.Find(env)!.Removed);
        Assert.Contains("nothing is pruned", Assert.Single(held.Problems), StringComparison.Ordinal);
        Assert.Equal("in sync", after.Result);
        Assert.Equal(mutating, Mutating);
        Assert.Equal(ids, await OwnedIds(env));
        Assert.True(LogIndex("are held: source") >= 0 && LogIndex("look whole again") > LogIndex("are held: source"), H.LogText);
    }

    [Fact]
    public async Task Run_Should_ChangeNothingInAws_When_TheFileIsReplacedByDeleteThenCreate()
    {
        var env = TestSpecs.UniqueName("dtc");
        var path = await StartConverged(env);
        var ids = await OwnedIds(env);
        var mutating = Mutating;
        var text = await File.ReadAllTextAsync(path);

        File.Delete(path);
        var tombstoned = await _rig.Until(env, s => s.Result == "tombstoned"); // the gap was seen, as an editor's save can be
        await File.WriteAllTextAsync(path, text);
        var back = await _rig.Until(env, s => s.LastPass > tombstoned.LastPass && s.Result is not ("tombstoned" or "observing"));

        Assert.Equal("in sync", back.Result);
        Assert.Equal(mutating, Mutating);
        Assert.Equal(ids, await OwnedIds(env));
        Assert.Equal(-1, LogIndex("pruning"));
    }

    [Fact]
    public async Task Run_Should_PruneAfterTombstoneLogLines_When_TheSpecStaysGoneLongerThanTheGrace()
    {
        var env = TestSpecs.UniqueName("prn");
        var path = await StartConverged(env, pruneGrace: TimeSpan.FromSeconds(3));
        Assert.NotEmpty(await OwnedIds(env));

        var gone = DateTime.UtcNow;
        File.Delete(path);
        await UntilPruned(env);

        var took = DateTime.UtcNow - gone;
        Assert.Null(_rig.Statuses.Find(env));
        Assert.True(took >= TimeSpan.FromSeconds(3), $"pruned after {took}, before the grace");
        Assert.Empty(await OwnedIds(env)); // the network, the repository, the cluster and the log group
        var tombstoned = LogIndex($"Spec of {env} ({path}) is gone: tombstoned");
        var pending = LogIndex($"Tombstone of {env} ({path}):");
        var pruning = LogIndex($"Tombstone of {env} ({path}) held for");
        var destroying = LogIndex($"Spec of {env} ({path}) was removed and it prunes");
        Assert.True(tombstoned >= 0 && pending > tombstoned && pruning > pending && destroying > pruning, H.LogText);
        _output.WriteLine($"grace 3 s: pruned {took.TotalSeconds:0.0} s after the file was deleted");
    }

    [Fact]
    public async Task Run_Should_ObserveAfreshNotReportInSync_When_ASpecReturnsAfterItsEnvironmentWasPruned()
    {
        var env = TestSpecs.UniqueName("back");
        var path = await StartConverged(env, pruneGrace: TimeSpan.FromSeconds(2));
        var text = await File.ReadAllTextAsync(path);
        // A shared snapshot taken now shows the environment whole, and stays fresh (max age 0.9 h) through the prune.
        Assert.Equal("in sync", (await Resynced(env)).Result);
        var idsBefore = await OwnedIds(env);
        var served = _rig.Controller!.Shared.Served;
        Assert.True(served > 0, "the resync was not served from the shared snapshot");

        File.Delete(path);
        await UntilPruned(env);

        Assert.Empty(await OwnedIds(env));
        await File.WriteAllTextAsync(path, text);
        var first = await _rig.Until(env, s => s.Result is not "observing");

        // Before the fix: "in sync" from the snapshot taken before the prune, while nothing existed.
        Assert.Equal("repaired", first.Result);
        var idsAfter = await OwnedIds(env);
        Assert.Equal(idsBefore.Count, idsAfter.Count);
        static string Vpc(List<string> ids) => ids.Single(i => i.StartsWith("vpc-", StringComparison.Ordinal));
        Assert.NotEqual(Vpc(idsBefore), Vpc(idsAfter)); // recreated (a named resource, such as the log group, keeps its id)
        Assert.Equal(served, _rig.Controller.Shared.Served);
    }
}
