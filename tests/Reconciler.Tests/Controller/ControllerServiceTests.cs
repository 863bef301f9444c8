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
    private readonly ControllerRig _rig = new();

    private EngineHarness H => _rig.H;

    private string Dir => _rig.Dir;

    private StatusStore Statuses => _rig.Statuses;

    private ControllerService? Controller => _rig.Controller;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    private Task Start() => _rig.StartAsync();

    private Task<EnvironmentStatus> Until(string env, Func<EnvironmentStatus, bool> condition) =>
        StatusWait.Until(Statuses, env, condition, () => H.LogText);

    private string WriteSpec(string env, Func<string, string>? edit = null)
    {
        var path = Path.Combine(Dir, env + ".yaml");
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
        var plan = await H.Engine.PlanAsync(TestSpecs.Load(TestSpecs.Isolated(env)).Graph, new(true), CancellationToken.None);
        var web = plan.Steps.Single(s => s.LogicalId == "security-group/web").AwsId!;
        await H.Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = web,
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 3306, ToPort = 3306, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
        });
        var before = first.LastPass;
        Controller!.Resync(env);
        var repaired = await Until(env, s => s.LastPass > before);

        Assert.Equal("repaired", repaired.Result);
        Assert.Equal(1, repaired.DriftCount);
        Assert.Contains(H.Logs.Lines, l => l.Contains($"Drift in {env} security-group/web ({web}) ingress", StringComparison.Ordinal) && l.Contains("repaired", StringComparison.Ordinal));
        var group = (await H.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [web] })).SecurityGroups.Single();
        Assert.DoesNotContain(group.IpPermissions, p => p.FromPort == 3306);
    }

    [Fact]
    public async Task Run_Should_OnlyReportDrift_When_TheEnvironmentIsInDetectMode()
    {
        var env = TestSpecs.UniqueName("det");
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));
        Assert.True((await H.Engine.ApplyAsync(graph, new(true), CancellationToken.None)).Converged);
        var subnet = (await H.Engine.PlanAsync(graph, new(true), CancellationToken.None)).Steps.Single(s => s.LogicalId == "subnet/private-a").AwsId!;
        await H.Ec2.ModifySubnetAttributeAsync(new ModifySubnetAttributeRequest { SubnetId = subnet, MapPublicIpOnLaunch = true });
        WriteSpec(env, t => t.Replace("mode: enforce", "mode: detect", StringComparison.Ordinal));

        await Start();
        var status = await Until(env, _ => true);

        Assert.Equal("drifted", status.Result);
        Assert.Equal(1, status.DriftCount);
        Assert.Contains(H.Logs.Lines, l => l.Contains($"Drift in {env} subnet/private-a ({subnet}) mapPublicIpOnLaunch: desired false, actual true: reported", StringComparison.Ordinal));
        var live = (await H.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = [subnet] })).Subnets.Single();
        Assert.True(live.MapPublicIpOnLaunch);
    }

    [Fact]
    public async Task Run_Should_KeepTheLastValidSpecAndDeleteNothing_When_AnEditIsInvalidOrTheFileIsRemoved()
    {
        var env = TestSpecs.UniqueName("bad");
        var path = WriteSpec(env, NoPrune);
        // Not the folder's only environment: removing the only one would be held as a source gone wrong, not orphaned.
        File.WriteAllText(Path.Combine(Dir, "bystander.yaml"), ControllerRig.Bystander(TestSpecs.UniqueName("by")));
        await Start();
        var converged = await Until(env, s => s.Result is "repaired" or "in sync");
        var ownedBefore = (await H.OwnershipTags(env)).Select(t => t.ResourceId).Distinct().Count();

        File.WriteAllText(path, TestSpecs.Isolated(env, t => NoPrune(t).Replace("desiredCount: 2", "desiredCount: lots", StringComparison.Ordinal)));
        // The pass after the broken edit publishes its problem (a status, not only the scan's log line): the file's
        // removal then comes after it, whatever the load on the machine.
        var broken = await Until(env, s => s.LastPass > converged.LastPass && s.Problems.Count > 0);
        File.Delete(path);
        await Until(env, s => s.Result == "orphaned");

        Assert.Contains(H.Logs.Lines, l => l.Contains("not applied; the last valid one stays in force", StringComparison.Ordinal) && l.Contains($"{path}:", StringComparison.Ordinal) && l.Contains("desiredCount", StringComparison.Ordinal));
        Assert.Contains(broken.Problems, p => p.Contains("desiredCount", StringComparison.Ordinal));
        Assert.Equal("in sync", broken.Result); // the last valid spec stayed in force, and AWS matches it
        var owned = await H.OwnershipTags(env);
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
            File.Copy(file, Path.Combine(Dir, Path.GetFileName(file)));
        }

        await Start();
        await Settle();

        // No AWS call for any of them; the controller is still running and still takes a valid spec.
        Assert.Equal(0, H.Aws.Metrics.Total);
        Assert.False(Controller!.ExecuteTask!.IsCompleted);
        var rejected = H.Logs.Lines.Count(l => l.Contains("not applied", StringComparison.Ordinal));
        Assert.True(rejected > 0, H.LogText);
        var env = TestSpecs.UniqueName("after-bad");
        WriteSpec(env);
        var converged = await Until(env, s => s.Result is "repaired" or "in sync");

        var deletes = H.Aws.Metrics.Snapshot().Where(kv => kv.Key.Operation.StartsWith("Delete", StringComparison.Ordinal) || kv.Key.Operation.StartsWith("Terminate", StringComparison.Ordinal)).ToList();
        Assert.Empty(deletes); // nothing was deleted, for the bad files or after them
        Assert.False(Controller.ExecuteTask.IsCompleted);
        _output.WriteLine($"bad specs in the folder: {files.Count}; 'not applied' reports: {rejected}; AWS calls for them: 0; deletes: {deletes.Count}; a valid spec after them: {converged.Result}");
    }

    /// <summary>Waits until the controller has scanned and its log has stopped growing for a second (60 s at most).</summary>
    private async Task Settle()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = -1;
        while (DateTime.UtcNow < deadline && !(Statuses.Ready && last == H.Logs.Lines.Count))
        {
            last = H.Logs.Lines.Count;
            await Task.Delay(1000);
        }
    }

    private static string NoPrune(string text) => text.Replace("prune: true", "prune: false", StringComparison.Ordinal);
}
