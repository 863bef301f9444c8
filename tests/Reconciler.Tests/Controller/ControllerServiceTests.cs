using Amazon.EC2.Model;
using Microsoft.Extensions.Logging;
using Reconciler.Controller;
using Reconciler.Tests.Integration;
using Xunit.Abstractions;

namespace Reconciler.Tests.Controller;

/// <summary>The controller end to end on moto_server: a watched folder, the queue, drift reports and repairs.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ControllerServiceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ITestOutputHelper _output = output;
    private readonly EngineHarness _h = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("reconciler-watch-").FullName;
    private readonly StatusStore _statuses = new();
    private readonly SpecCatalog _catalog = new();
    private WorkQueue? _queue;
    private ControllerService? _controller;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_controller is not null)
        {
            await _controller.StopAsync(CancellationToken.None);
            _controller.Dispose();
        }

        _queue?.Dispose();
        _h.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task Start()
    {
        var options = new ControllerOptions([_dir], [], Resync: TimeSpan.FromHours(1), Rescan: TimeSpan.FromMilliseconds(500), Workers: 2, Listen: null);
        _queue = new WorkQueue(TimeProvider.System, new WorkQueueOptions(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)));
        var source = new FolderSource(_dir, TimeProvider.System, debounce: TimeSpan.FromMilliseconds(300));
        var metrics = new ControllerMetrics(_h.Aws.Metrics, () => _queue.Depth, _statuses);
        _controller = new ControllerService(options, [source], _catalog, _queue, _h.Engine, _statuses, metrics, TimeProvider.System, _h.Loggers.CreateLogger<ControllerService>());
        await _controller.StartAsync(CancellationToken.None);
    }

    private Task<EnvironmentStatus> Until(string env, Func<EnvironmentStatus, bool> condition) =>
        StatusWait.Until(_statuses, env, condition, () => _h.LogText);

    private string WriteSpec(string env, Func<string, string>? edit = null)
    {
        var path = Path.Combine(_dir, env + ".yaml");
        File.WriteAllText(path, TestSpecs.Isolated(env, edit));
        return path;
    }

    [Fact]
    public async Task Run_Should_ConvergeThenRepairAndLogDrift_When_ASpecIsDroppedAndSomeoneEditsAws()
    {
        var env = TestSpecs.UniqueName("ctl");
        WriteSpec(env);
        await Start();

        var first = await Until(env, s => s.Result is "repaired" or "in sync");
        var plan = await _h.Engine.PlanAsync(TestSpecs.Load(TestSpecs.Isolated(env)).Graph, new(true), CancellationToken.None);
        var web = plan.Steps.Single(s => s.LogicalId == "security-group/web").AwsId!;
        await _h.Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = web,
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 3306, ToPort = 3306, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
        });
        var before = first.LastPass;
        _controller!.Resync(env);
        var repaired = await Until(env, s => s.LastPass > before);

        Assert.Equal("repaired", repaired.Result);
        Assert.Equal(1, repaired.DriftCount);
        Assert.Contains(_h.Logs.Lines, l => l.Contains($"Drift in {env} security-group/web ({web}) ingress", StringComparison.Ordinal) && l.Contains("repaired", StringComparison.Ordinal));
        var group = (await _h.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [web] })).SecurityGroups.Single();
        Assert.DoesNotContain(group.IpPermissions, p => p.FromPort == 3306);
    }

    [Fact]
    public async Task Run_Should_OnlyReportDrift_When_TheEnvironmentIsInDetectMode()
    {
        var env = TestSpecs.UniqueName("det");
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));
        Assert.True((await _h.Engine.ApplyAsync(graph, new(true), CancellationToken.None)).Converged);
        var subnet = (await _h.Engine.PlanAsync(graph, new(true), CancellationToken.None)).Steps.Single(s => s.LogicalId == "subnet/private-a").AwsId!;
        await _h.Ec2.ModifySubnetAttributeAsync(new ModifySubnetAttributeRequest { SubnetId = subnet, MapPublicIpOnLaunch = true });
        WriteSpec(env, t => t.Replace("mode: enforce", "mode: detect", StringComparison.Ordinal));

        await Start();
        var status = await Until(env, _ => true);

        Assert.Equal("drifted", status.Result);
        Assert.Equal(1, status.DriftCount);
        Assert.Contains(_h.Logs.Lines, l => l.Contains($"Drift in {env} subnet/private-a ({subnet}) mapPublicIpOnLaunch: desired false, actual true: reported", StringComparison.Ordinal));
        var live = (await _h.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = [subnet] })).Subnets.Single();
        Assert.True(live.MapPublicIpOnLaunch);
    }

    [Fact]
    public async Task Run_Should_KeepTheLastValidSpecAndDeleteNothing_When_AnEditIsInvalidOrTheFileIsRemoved()
    {
        var env = TestSpecs.UniqueName("bad");
        var path = WriteSpec(env, NoPrune);
        await Start();
        var converged = await Until(env, s => s.Result is "repaired" or "in sync");
        var ownedBefore = (await _h.OwnershipTags(env)).Select(t => t.ResourceId).Distinct().Count();

        File.WriteAllText(path, TestSpecs.Isolated(env, t => NoPrune(t).Replace("desiredCount: 2", "desiredCount: lots", StringComparison.Ordinal)));
        var broken = await Until(env, s => s.Problems.Count > 0 || _h.Logs.Lines.Any(l => l.Contains("not applied", StringComparison.Ordinal)));
        await Task.Delay(1500);
        File.Delete(path);
        var orphaned = await Until(env, s => s.Result == "orphaned");

        Assert.Contains(_h.Logs.Lines, l => l.Contains("not applied; the last valid one stays in force", StringComparison.Ordinal) && l.Contains($"{path}:", StringComparison.Ordinal) && l.Contains("desiredCount", StringComparison.Ordinal));
        Assert.NotNull(broken);
        Assert.NotNull(converged);
        Assert.Equal("orphaned", orphaned.Result);
        var owned = await _h.OwnershipTags(env);
        Assert.Equal(ownedBefore, owned.Select(t => t.ResourceId).Distinct().Count()); // prune: false: a removed file deletes nothing
    }

    [Fact]
    public async Task Run_Should_CallNoAwsDeleteNothingAndKeepRunning_When_TheWholeBadSpecCorpusIsInTheFolder()
    {
        // Every file of the hostile-input corpus (tests/Reconciler.Model.Tests/BadSpecs/corpus) in the watched folder.
        var corpus = Path.Combine(TestSpecs.RepoRoot, "tests", "Reconciler.Model.Tests", "BadSpecs", "corpus");
        var files = Directory.EnumerateFiles(corpus).Where(f => !f.EndsWith(".expect", StringComparison.Ordinal)).ToList();
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        }

        await Start();
        await Settle();

        // No AWS call for any of them; the controller is still running and still takes a valid spec.
        Assert.Equal(0, _h.Aws.Metrics.Total);
        Assert.False(_controller!.ExecuteTask!.IsCompleted);
        var rejected = _h.Logs.Lines.Count(l => l.Contains("not applied", StringComparison.Ordinal));
        Assert.True(rejected > 0, _h.LogText);
        var env = TestSpecs.UniqueName("after-bad");
        WriteSpec(env);
        var converged = await Until(env, s => s.Result is "repaired" or "in sync");

        Assert.NotNull(converged);
        var deletes = _h.Aws.Metrics.Snapshot().Where(kv => kv.Key.Operation.StartsWith("Delete", StringComparison.Ordinal) || kv.Key.Operation.StartsWith("Terminate", StringComparison.Ordinal)).ToList();
        Assert.Empty(deletes); // nothing was deleted, for the bad files or after them
        Assert.False(_controller.ExecuteTask.IsCompleted);
        _output.WriteLine($"bad specs in the folder: {files.Count}; 'not applied' reports: {rejected}; AWS calls for them: 0; deletes: {deletes.Count}; a valid spec after them: {converged.Result}");
    }

    /// <summary>Waits until the controller has scanned and its log has stopped growing for a second (60 s at most).</summary>
    private async Task Settle()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = -1;
        while (DateTime.UtcNow < deadline && !(_statuses.Ready && last == _h.Logs.Lines.Count))
        {
            last = _h.Logs.Lines.Count;
            await Task.Delay(1000);
        }
    }

    private static string NoPrune(string text) => text.Replace("prune: true", "prune: false", StringComparison.Ordinal);

    [Fact]
    public async Task Run_Should_DeleteWhatTheEnvironmentOwns_When_ItsFileIsRemovedAndItPrunes()
    {
        var env = TestSpecs.UniqueName("prn");
        var path = WriteSpec(env, NetworkConvergenceTests.Unprotected);
        await Start();
        await Until(env, s => s.Result is "repaired" or "in sync");

        File.Delete(path);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_statuses.Find(env) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Null(_statuses.Find(env));
        var plan = await _h.Engine.PlanAsync(TestSpecs.Load(TestSpecs.Isolated(env)).Graph, new(true, Destroy: true), CancellationToken.None);
        Assert.DoesNotContain(plan.Steps, s => s.Observed is not null);
    }
}
