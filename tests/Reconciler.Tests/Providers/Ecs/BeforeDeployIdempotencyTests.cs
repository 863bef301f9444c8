using System.Collections.Concurrent;
using System.Text.Json;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Http;
using Reconciler.Providers;
using Reconciler.Providers.Ecs;
using Reconciler.Tests.Chaos;
using Reconciler.Tests.Integration;
using Reconciler.Tests.Security;

namespace Reconciler.Tests.Providers.Ecs;

/// <summary>
/// A beforeDeploy task (a migration) against moto_server, with RunTask's answer lost once: it must run once, and the
/// requests must keep ECS's rules (ListTasks takes startedBy only alone, so it is not sent; RunTask carries a clientToken).
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BeforeDeployIdempotencyTests : IDisposable
{
    private const string Account = "123456789012";
    private readonly ConcurrentDictionary<string, int> _lost = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<RecordingHandler> _recorders = [];
    private readonly EngineHarness _h;
    private readonly EcsSupport _ecs;

    public BeforeDeployIdempotencyTests()
    {
        _h = new EngineHarness(wrapHandler: inner =>
        {
            var recorder = new RecordingHandler(new LostResponseHandler(inner, new HashSet<string>(StringComparer.Ordinal) { "RunTask" }, _lost));
            _recorders.Add(recorder);
            return recorder;
        });
        _ecs = new EcsSupport(new EcsApi(_h.Aws.Json(AwsServices.Ecs, EngineHarness.Region)), _h.Aws.Inventory(EngineHarness.Region));
    }

    public void Dispose() => _h.Dispose();

    /// <summary>The JSON bodies sent for one ECS operation (its X-Amz-Target).</summary>
    private List<JsonElement> Bodies(string operation) =>
        _recorders.SelectMany(r => r.Requests)
            .Where(r => r.Contains($"X-Amz-Target: AmazonEC2ContainerServiceV20141113.{operation}\n", StringComparison.Ordinal))
            .Select(r => JsonDocument.Parse(r[(r.IndexOf("\n\n", StringComparison.Ordinal) + 2)..]).RootElement.Clone())
            .ToList();

    [Fact]
    public async Task EnsureSucceeded_Should_RunTheMigrationOnce_When_TheAnswerToRunTaskIsLost()
    {
        var env = TestSpecs.UniqueName("bdlost");
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText(env));
        var run = new ProviderRun(new Reconciler.Aws.AwsCallMetrics(), env);
        run.Ids["ecr-repository/app#uri"] = $"{Account}.dkr.ecr.{EngineHarness.Region}.amazonaws.com/{env}-app";
        run.Ids["iam-role/ecsTaskExecutionRole#arn"] = $"arn:aws:iam::{Account}:role/ecsTaskExecutionRole";
        run.Ids["execution-role/execution#arn"] = $"arn:aws:iam::{Account}:role/{env}-execution";
        run.Ids["log-group/ecs/app#name"] = "/ecs/app";
        run.Ids["target-group/app"] = $"arn:aws:elasticloadbalancing:{EngineHarness.Region}:{Account}:targetgroup/{env}-app/0123456789abcdef";
        await run.Create(new EcsClusterProvider(_ecs), graph.Find("ecs-cluster/app")!);
        var revision = (await run.Create(new TaskDefinitionProvider(_ecs, EngineHarness.Region), graph.Find("task-definition/app")!)).AwsId;
        var cluster = run.Ids["ecs-cluster/app"];
        await EcsAgent.JoinAsync(_h, cluster);
        var service = run.Resolved(graph.Find("ecs-service/app")!);
        var migrate = Assert.IsType<BeforeDeployTask>(Assert.Single(graph.Find("ecs-service/app")!.Instructions));
        var runner = new BeforeDeployRunner(_ecs.Api, TimeProvider.System);

        // First pass: RunTask reaches moto, its answer is lost; the runner waits instead of sending it again.
        var lost = await Assert.ThrowsAsync<NotReadyException>(() => runner.EnsureSucceededAsync(service, [migrate], revision, CancellationToken.None));
        Assert.Contains("the answer to RunTask was lost", lost.Message, StringComparison.Ordinal);
        Assert.Equal(1, _lost.GetValueOrDefault("RunTask"));

        // Later passes find the task by its group, and never start another.
        for (var pass = 0; ; pass++)
        {
            try
            {
                await runner.EnsureSucceededAsync(service, [migrate], revision, CancellationToken.None);
                break;
            }
            catch (NotReadyException) when (pass < 20)
            {
                await Task.Delay(50);
            }
        }

        var runs = Bodies("RunTask");
        var sent = Assert.Single(runs);
        var (family, number) = BeforeDeployRunner.Revision(revision);
        var group = BeforeDeployRunner.Group(env, "app", number, 0);
        Assert.Equal(BeforeDeployRunner.ClientToken(group, revision), sent.GetProperty("clientToken").GetString());
        Assert.InRange(sent.GetProperty("clientToken").GetString()!.Length, 1, 64); // the model's limit
        var arns = (await _ecs.Api.ListTasksAsync(cluster, family, "RUNNING", CancellationToken.None))
            .Concat(await _ecs.Api.ListTasksAsync(cluster, family, "STOPPED", CancellationToken.None)).Distinct().ToList();
        Assert.Single(await _ecs.Api.DescribeTasksAsync(cluster, arns, CancellationToken.None), t => t.Group == group);

        // ECS API reference, ListTasks: "When you specify startedBy as the filter, it must be the only filter that you use."
        var lists = Bodies("ListTasks");
        Assert.NotEmpty(lists);
        Assert.All(lists, body =>
        {
            Assert.False(body.TryGetProperty("startedBy", out _), body.ToString());
            Assert.Equal(family, body.GetProperty("family").GetString());
        });
    }

    [Fact]
    public void ClientToken_Should_DifferPerRunAndStayStable_When_DerivedFromGroupAndRevision()
    {
        const string Revision = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/demo-app:8";
        var first = BeforeDeployRunner.ClientToken(BeforeDeployRunner.Group("demo", "app", "8", 0), Revision);

        Assert.Equal(first, BeforeDeployRunner.ClientToken(BeforeDeployRunner.Group("demo", "app", "8", 0), Revision));
        Assert.NotEqual(first, BeforeDeployRunner.ClientToken(BeforeDeployRunner.Group("demo", "app", "8", 1), Revision));
        Assert.NotEqual(first, BeforeDeployRunner.ClientToken(BeforeDeployRunner.Group("other", "app", "8", 0), Revision));
        Assert.NotEqual(first, BeforeDeployRunner.ClientToken(BeforeDeployRunner.Group("demo", "app", "9", 0), Revision.Replace(":8", ":9", StringComparison.Ordinal)));
        Assert.All(first, c => Assert.InRange(c, (char)33, (char)126));
    }
}
