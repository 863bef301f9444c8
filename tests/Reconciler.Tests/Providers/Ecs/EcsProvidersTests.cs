using Reconciler.Aws.Ecs;
using Reconciler.Aws.Http;
using Reconciler.Model.Graph;
using Reconciler.Providers.Ecs;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Providers.Ecs;

/// <summary>The cluster, the task definition and the service against moto_server, from the sample spec.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class EcsProvidersTests : IDisposable
{
    private const string Account = "123456789012";
    private readonly EngineHarness _h = new();
    private readonly EcsSupport _ecs;
    private readonly EcsClusterProvider _clusters;
    private readonly TaskDefinitionProvider _taskDefinitions;
    private readonly EcsServiceProvider _services;

    public EcsProvidersTests()
    {
        _ecs = new EcsSupport(new EcsApi(_h.Aws.Json(AwsServices.Ecs, EngineHarness.Region)), _h.Aws.Inventory(EngineHarness.Region));
        _clusters = new EcsClusterProvider(_ecs);
        _taskDefinitions = new TaskDefinitionProvider(_ecs, EngineHarness.Region);
        _services = new EcsServiceProvider(_ecs, TimeProvider.System);
    }

    public void Dispose() => _h.Dispose();

    /// <summary>The attributes of kinds other branches manage (repository, role, log group, target group), as they would report them.</summary>
    private static ProviderRun Run(string env)
    {
        var run = new ProviderRun(new Reconciler.Aws.AwsCallMetrics(), env);
        run.Ids["ecr-repository/app#uri"] = $"{Account}.dkr.ecr.{EngineHarness.Region}.amazonaws.com/{env}-app";
        run.Ids["iam-role/ecsTaskExecutionRole#arn"] = $"arn:aws:iam::{Account}:role/ecsTaskExecutionRole";
        run.Ids["execution-role/execution#arn"] = $"arn:aws:iam::{Account}:role/{env}-execution";
        run.Ids["log-group/ecs/app#name"] = "/ecs/app";
        run.Ids["target-group/app"] = $"arn:aws:elasticloadbalancing:{EngineHarness.Region}:{Account}:targetgroup/{env}-app/0123456789abcdef";
        // The database's values and managed secret, which the sample's container environment and secrets name.
        run.Ids["db-instance/app-db#address"] = $"{env}-app-db.abc.{EngineHarness.Region}.rds.amazonaws.com";
        run.Ids["db-instance/app-db#port"] = "5432";
        run.Ids["db-instance/app-db#name"] = "app";
        run.Ids["db-instance/app-db#username"] = "app";
        run.Ids["db-instance/app-db#secretArn"] = $"arn:aws:secretsmanager:{EngineHarness.Region}:{Account}:secret:rds!db-{env}-AbCdEf";
        return run;
    }

    private ProviderRun Counted(string env)
    {
        var run = new ProviderRun(_h.Aws.Metrics, env);
        foreach (var (key, value) in Run(env).Ids)
        {
            run.Ids[key] = value;
        }

        return run;
    }

    /// <summary>Updates as passes of the engine would: a NotReady (the migration runs) comes back later.</summary>
    private static async Task UpdateUntilDone(EcsServiceProvider provider, Reconciler.Providers.ResolvedResource desired, Reconciler.Model.Planning.ObservedResource actual, IReadOnlyList<Reconciler.Model.Planning.FieldChange> changes)
    {
        for (var pass = 1; ; pass++)
        {
            try
            {
                await provider.UpdateAsync(desired, actual, changes, CancellationToken.None);
                return;
            }
            catch (Reconciler.Providers.NotReadyException) when (pass < 20)
            {
                await Task.Delay(50);
            }
        }
    }

    private async Task<EcsTask> MigrationOf(string cluster, string revision)
    {
        var (family, _) = BeforeDeployRunner.Revision(revision);
        // moto moves a task's lastStatus to STOPPED as it is described, but leaves its desiredStatus RUNNING (only
        // StopTask changes that), so it stays listed as RUNNING: the runner lists both, and so does this.
        var arns = (await _ecs.Api.ListTasksAsync(cluster, family, "RUNNING", CancellationToken.None))
            .Concat(await _ecs.Api.ListTasksAsync(cluster, family, "STOPPED", CancellationToken.None)).ToList();
        var tasks = await _ecs.Api.DescribeTasksAsync(cluster, arns, CancellationToken.None);
        return Assert.Single(tasks, t => t.TaskDefinitionArn == revision);
    }

    [Fact]
    public async Task TaskOperations_Should_RunFindDescribeAndStopATask_When_CalledAgainstMoto()
    {
        var env = TestSpecs.UniqueName("ecsk");
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText(env));
        var run = Run(env);
        await run.Create(_clusters, graph.Find("ecs-cluster/app")!);
        var revision = (await run.Create(_taskDefinitions, graph.Find("task-definition/app")!)).AwsId;
        var cluster = run.Ids["ecs-cluster/app"];
        await EcsAgent.JoinAsync(_h, cluster);

        var (started, failures) = await _ecs.Api.RunTaskAsync(new RunTaskRequest(cluster, revision, "EC2", "reconciler", "reconciler:test:app:1:0",
            new EcsTaskOverride([new EcsContainerOverride("web", ["python", "manage.py", "migrate"])]),
            [new EcsTag(Ownership.EnvironmentTag, env), new EcsTag(BeforeDeployRunner.StartedAtTag, "1700000000")]), CancellationToken.None);

        Assert.Empty(failures);
        var task = Assert.Single(started);
        Assert.Equal(("reconciler:test:app:1:0", "reconciler", revision), (task.Group, task.StartedBy, task.TaskDefinitionArn));
        var (family, _) = BeforeDeployRunner.Revision(revision);
        Assert.Equal([task.TaskArn], await _ecs.Api.ListTasksAsync(cluster, family, "RUNNING", CancellationToken.None));
        Assert.Empty(await _ecs.Api.ListTasksAsync(cluster, family + "-other", "RUNNING", CancellationToken.None));
        var described = Assert.Single(await _ecs.Api.DescribeTasksAsync(cluster, [task.TaskArn], CancellationToken.None));
        Assert.Equal("reconciler:test:app:1:0", described.Group);
        Assert.Equal("1700000000", EcsTag.ToMap(described.Tags)[BeforeDeployRunner.StartedAtTag]);
        Assert.Equal("web", Assert.Single(described.Containers!).Name);

        await _ecs.Api.StopTaskAsync(cluster, task.TaskArn, "test", CancellationToken.None);
        var stopped = Assert.Single(await _ecs.Api.DescribeTasksAsync(cluster, [task.TaskArn], CancellationToken.None));
        Assert.Equal(("STOPPED", "test"), (stopped.LastStatus, stopped.StoppedReason));
        Assert.Equal([task.TaskArn], await _ecs.Api.ListTasksAsync(cluster, family, "STOPPED", CancellationToken.None));
    }

    [Fact]
    public async Task Cluster_Should_CreateObserveWithoutDiffAndDelete_When_FromTheSample()
    {
        var env = TestSpecs.UniqueName("ecsc");
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText(env));
        var run = Counted(env);
        var desired = graph.Find("ecs-cluster/app")!;

        var created = await run.Create(_clusters, desired);
        var observed = await run.Observe(_clusters, desired);

        Assert.Equal(created.AwsId, observed.AwsId);
        Assert.Equal(env + "-app", observed.Get("name"));
        Assert.Empty(run.Diff(desired, observed));
        await _clusters.DeleteAsync(observed, CancellationToken.None);
        await _clusters.DeleteAsync(observed, CancellationToken.None); // already gone: done
        Assert.DoesNotContain(await _clusters.ObserveAsync([env], [], CancellationToken.None), r => r.Environment == env);
    }

    [Fact]
    public async Task TaskDefinitionAndService_Should_ConvergeAndUpdateExactlyWhatChanged_When_FromTheSample()
    {
        var env = TestSpecs.UniqueName("ecss");
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText(env));
        var run = Counted(env);
        await run.Create(_clusters, graph.Find("ecs-cluster/app")!);
        var tdDesired = graph.Find("task-definition/app")!;
        var serviceDesired = graph.Find("ecs-service/app")!;

        // Create -> observe -> no diff: this is where false drift from ECS-filled defaults would show.
        var calls = await run.MutatingCalls(() => run.Create(_taskDefinitions, tdDesired));
        Assert.Equal(["RegisterTaskDefinition"], calls);
        var td = await run.Observe(_taskDefinitions, tdDesired);
        Assert.Equal(run.Ids["task-definition/app"], td.AwsId);
        Assert.Equal($"{Account}.dkr.ecr.{EngineHarness.Region}.amazonaws.com/{env}-app:latest", td.Get("containers.web.image"));
        Assert.Empty(run.Diff(tdDesired, td));

        await run.Create(_services, serviceDesired);
        var service = await run.Observe(_services, serviceDesired);
        await EcsAgent.JoinAsync(_h, service.Get("cluster")!);
        Assert.Equal("rollback", service.Get("circuitBreaker"));
        Assert.True(service.Attributes.ContainsKey("rolloutState"));
        Assert.Empty(run.Diff(serviceDesired, service));

        // desiredCount: one UpdateService, nothing else.
        var (_, scaled) = TestSpecs.Load(TestSpecs.SampleText(env, t => t.Replace("desiredCount: 2", "desiredCount: 3", StringComparison.Ordinal)));
        Assert.Empty(run.Diff(scaled.Find("task-definition/app")!, td));
        var scaledService = scaled.Find("ecs-service/app")!;
        var changes = run.Diff(scaledService, service);
        Assert.Equal(["desiredCount"], changes.Select(c => c.Path));
        Assert.Equal(["UpdateService"], await run.MutatingCalls(() => _services.UpdateAsync(run.Resolved(scaledService), service, changes, CancellationToken.None)));
        service = await run.Observe(_services, scaledService);
        Assert.Equal("3", service.Get("desiredCount"));
        Assert.Empty(run.Diff(scaledService, service));

        // Image tag: one RegisterTaskDefinition, then (next observation) the sample's migration runs with the new
        // revision (RunTask; each pass finds it again and waits while it runs), and one UpdateService once it exited 0.
        var (_, retagged) = TestSpecs.Load(TestSpecs.SampleText(env, t => t.Replace("desiredCount: 2", "desiredCount: 3", StringComparison.Ordinal).Replace("tag: latest", "tag: v2", StringComparison.Ordinal)));
        var tdRetagged = retagged.Find("task-definition/app")!;
        var serviceRetagged = retagged.Find("ecs-service/app")!;
        var tdChanges = run.Diff(tdRetagged, td);
        Assert.Equal(["containers.web.image"], tdChanges.Select(c => c.Path));
        Assert.Empty(run.Diff(serviceRetagged, service));
        var all = await run.MutatingCalls(async () =>
        {
            await _taskDefinitions.UpdateAsync(run.Resolved(tdRetagged), td, tdChanges, CancellationToken.None);
            var newTd = await run.Observe(_taskDefinitions, tdRetagged);
            Assert.NotEqual(td.AwsId, newTd.AwsId);
            Assert.Empty(run.Diff(tdRetagged, newTd));
            run.Ids["task-definition/app"] = newTd.AwsId;
            var serviceChanges = run.Diff(serviceRetagged, service);
            Assert.Equal(["taskDefinition"], serviceChanges.Select(c => c.Path));
            await UpdateUntilDone(_services, run.Resolved(serviceRetagged), service, serviceChanges);
        });
        Assert.Equal(["RegisterTaskDefinition", "RunTask", "UpdateService"], all);
        var migration = await MigrationOf(service.Get("cluster")!, run.Ids["task-definition/app"]);
        Assert.Equal("STOPPED", migration.LastStatus);
        Assert.Equal(0, migration.Containers!.Single(c => c.Name == "web").ExitCode);
        service = await run.Observe(_services, serviceRetagged);
        Assert.Equal(run.Ids["task-definition/app"], service.Get("taskDefinition"));
        Assert.Empty(run.Diff(serviceRetagged, service));

        // Delete: the service scales to zero, is deleted and drains; the task definition's revisions are deregistered.
        await _services.DeleteAsync(service, CancellationToken.None);
        await _services.DeleteAsync(service, CancellationToken.None); // already gone: done
        Assert.DoesNotContain(await _services.ObserveAsync([env], [], CancellationToken.None), r => r.Environment == env);
        var latest = await run.Observe(_taskDefinitions, tdRetagged);
        await _taskDefinitions.DeleteAsync(latest, CancellationToken.None);
        Assert.DoesNotContain(await _taskDefinitions.ObserveAsync([env], [], CancellationToken.None), r => r.Environment == env);
        Assert.Empty(await _ecs.Api.ListTaskDefinitionsAsync(env + "-app", CancellationToken.None));
    }

    [Fact]
    public async Task TaskDefinition_Should_RegisterOnlyWhenTheSpecReallyDiffers_When_ContainerFieldsAreRemoved()
    {
        var env = TestSpecs.UniqueName("ecst");
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText(env));
        var run = Run(env);
        var desired = graph.Find("task-definition/app")!;
        await run.Create(_taskDefinitions, desired);
        var td = await run.Observe(_taskDefinitions, desired);

        // Removing the soft limit from the spec is a change (not silently ignored), and only that field differs.
        var (_, edited) = TestSpecs.Load(TestSpecs.SampleText(env, t => t.Replace("          memoryReservation: 256      # soft limit\n", string.Empty, StringComparison.Ordinal)));
        var changes = run.Diff(edited.Find("task-definition/app")!, td);

        Assert.Equal(["containers.web.memoryReservation"], changes.Select(c => c.Path));
    }

    [Fact]
    public async Task TaskDefinition_Should_RegisterAndObserveTheSameRecords_When_PortsCommandAndLogsChange()
    {
        var env = TestSpecs.UniqueName("ecsv");
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText(env));
        var run = Run(env);
        var desired = graph.Find("task-definition/app")!;
        await run.Create(_taskDefinitions, desired);
        var td = await run.Observe(_taskDefinitions, desired);
        // What ECS answered is read into the records the spec expanded into, so record equality is the diff.
        Assert.Equal([new PortMapping(80, 8000, "tcp")], td.Items<PortMapping>("containers.web.portMappings"));
        Assert.Equal(new ContainerLogs("/ecs/app", "web"), td.Item<ContainerLogs>("containers.web.logs"));
        Assert.Contains(new EnvironmentVariable("DATABASE_PORT", "5432"), td.Items<EnvironmentVariable>("containers.web.environment"));
        Assert.Empty(run.Diff(desired, td));

        // Another host port, a command whose argument holds spaces, and no logs any more.
        var (_, edited) = TestSpecs.Load(TestSpecs.SampleText(env, t => t
            .Replace("{ hostPort: 80, containerPort: 8000 }", "{ hostPort: 8080, containerPort: 8000 }", StringComparison.Ordinal)
            .Replace("          memory: 512", "          command: [gunicorn, \"app.wsgi --bind 0.0.0.0:8000\"]\n          memory: 512", StringComparison.Ordinal)
            .Replace("          logs: { group: /ecs/app, streamPrefix: web }\n", string.Empty, StringComparison.Ordinal)));
        var editedTd = edited.Find("task-definition/app")!;
        var changes = run.Diff(editedTd, td);
        Assert.Equal(["containers.web.command", "containers.web.logs", "containers.web.portMappings"], changes.Select(c => c.Path).Order(StringComparer.Ordinal));
        var ports = changes.Single(c => c.Path == "containers.web.portMappings");
        Assert.Equal(["8080:8000/tcp"], ports.Added);
        Assert.Equal(["80:8000/tcp"], ports.Removed);

        await _taskDefinitions.UpdateAsync(run.Resolved(editedTd), td, changes, CancellationToken.None);
        var registered = await run.Observe(_taskDefinitions, editedTd);

        Assert.NotEqual(td.AwsId, registered.AwsId);
        Assert.Empty(run.Diff(editedTd, registered));
        Assert.Equal(new ContainerCommand(["gunicorn", "app.wsgi --bind 0.0.0.0:8000"]), registered.Item<ContainerCommand>("containers.web.command"));
        Assert.Equal(string.Empty, registered.Get("containers.web.logs"));
    }

    [Fact]
    public async Task Observe_Should_IgnoreForeignTaskDefinitions_When_AnotherEnvironmentSharesThePrefix()
    {
        var env = TestSpecs.UniqueName("ecsf");
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText(env));
        var run = Run(env);
        await run.Create(_taskDefinitions, graph.Find("task-definition/app")!);
        await _ecs.Api.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest(env + "-untagged", "bridge", null, null,
            [new EcsContainerDefinition("web", "nginx", null, 128, null, true, null, null, null, null, null)], []), CancellationToken.None);

        var observed = await _taskDefinitions.ObserveAsync([env], [], CancellationToken.None);

        Assert.Equal(["task-definition/app"], observed.Select(o => o.LogicalId));
        Assert.All(observed, o => Assert.Equal(env, o.Tags[Ownership.EnvironmentTag]));
    }
}
