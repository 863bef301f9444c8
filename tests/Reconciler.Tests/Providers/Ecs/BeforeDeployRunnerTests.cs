using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Model.Graph;
using Reconciler.Model.Spec;
using Reconciler.Providers;
using Reconciler.Providers.Ecs;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Providers.Ecs;

/// <summary>
/// The decisions on one-off tasks before a deployment, on tasks whose end the test decides: moto cannot express an
/// exit code other than 0 (its containers always report 0), so a failed migration is tested here.
/// </summary>
public sealed class BeforeDeployRunnerTests
{
    private const string Revision = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/demo-app:8";
    private static readonly BeforeDeployTask Migrate = new("web", new ContainerCommand(["python", "manage.py", "migrate"]), 600);

    private readonly FakeEcsTasks _ecs = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly BeforeDeployRunner _runner;
    private readonly ResolvedResource _service;

    public BeforeDeployRunnerTests()
    {
        _runner = new BeforeDeployRunner(_ecs, _clock);
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText("demo"));
        var desired = graph.Find("ecs-service/app")!;
        var properties = desired.Properties
            .SetItem("cluster", FieldValue.Of("arn:aws:ecs:ap-northeast-1:123456789012:cluster/demo-app"))
            .SetItem("taskDefinition", FieldValue.Of(Revision));
        _service = new ResolvedResource(desired, properties.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EnsureSucceeded_Should_RunTheTaskWithTheNewRevisionAndWait_When_NoneRanYet()
    {
        var wait = await Assert.ThrowsAsync<NotReadyException>(() => Ensure([Migrate]));

        var run = Assert.Single(_ecs.Runs);
        Assert.Equal((Revision, "EC2", "reconciler", "reconciler:demo:app:8:0"), (run.TaskDefinition, run.LaunchType, run.StartedBy, run.Group));
        Assert.Equal("arn:aws:ecs:ap-northeast-1:123456789012:cluster/demo-app", run.Cluster);
        var command = Assert.Single(run.Overrides.ContainerOverrides);
        Assert.Equal("web", command.Name);
        Assert.Equal(["python", "manage.py", "migrate"], command.Command);
        var tags = run.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("demo", tags[Ownership.EnvironmentTag]);
        Assert.Equal("ecs-service/app", tags[Ownership.LogicalIdTag]);
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), tags[BeforeDeployRunner.StartedAtTag]);
        Assert.Equal(BeforeDeployRunner.Poll, wait.Readiness.RequeueAfter);
        Assert.Contains("python manage.py migrate", wait.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureSucceeded_Should_WaitWithoutStartingAnother_When_TheTaskStillRuns()
    {
        await Assert.ThrowsAsync<NotReadyException>(() => Ensure([Migrate]));
        _clock.Advance(TimeSpan.FromMinutes(5));

        var wait = await Assert.ThrowsAsync<NotReadyException>(() => Ensure([Migrate]));

        Assert.Single(_ecs.Runs);
        Assert.Contains("is running", wait.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureSucceeded_Should_Return_When_TheTaskExitedZero()
    {
        await Assert.ThrowsAsync<NotReadyException>(() => Ensure([Migrate]));
        _ecs.Finish(0, 0, "Essential container in task exited");

        await Ensure([Migrate]);

        Assert.Single(_ecs.Runs);
    }

    [Fact]
    public async Task EnsureSucceeded_Should_FailWithTheExitCodeAndReason_When_TheTaskExitedNonZero()
    {
        await Assert.ThrowsAsync<NotReadyException>(() => Ensure([Migrate]));
        _ecs.Finish(0, 3, "Essential container in task exited");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Ensure([Migrate]));

        Assert.Contains("container web exited 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("stopped: Essential container in task exited", failure.Message, StringComparison.Ordinal);
        Assert.Contains("the service keeps its revision", failure.Message, StringComparison.Ordinal);
        // A failed run is not repeated for the same revision: the next pass fails the same way, without a new task.
        await Assert.ThrowsAsync<InvalidOperationException>(() => Ensure([Migrate]));
        Assert.Single(_ecs.Runs);
    }

    [Fact]
    public async Task EnsureSucceeded_Should_Fail_When_TheTaskStoppedWithoutRunning()
    {
        await Assert.ThrowsAsync<NotReadyException>(() => Ensure([Migrate]));
        _ecs.Finish(0, null, "CannotPullContainerError: image not found");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Ensure([Migrate]));

        Assert.Contains("has no exit code", failure.Message, StringComparison.Ordinal);
        Assert.Contains("CannotPullContainerError", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The stopped reason ECS gives when the execution role may not read a secret (aws/copilot-cli#3104, #4504).</summary>
    private const string SecretsDenied = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
        + "unable to retrieve secret from asm: service call has been retried 1 time(s): AccessDeniedException: not authorized to perform secretsmanager:GetSecretValue";

    [Fact]
    public async Task EnsureSucceeded_Should_StartAgainAndReportAnIamWait_When_TheTaskCouldNotReadItsSecretsYet()
    {
        await Assert.ThrowsAsync<NotReadyException>(() => Ensure([Migrate]));
        _ecs.Finish(0, null, SecretsDenied);

        var wait = await Assert.ThrowsAsync<NotReadyException>(() => Ensure([Migrate]));
        _ecs.Finish(1, 0, "Essential container in task exited");
        await Ensure([Migrate]);

        Assert.Equal(["reconciler:demo:app:8:0", "reconciler:demo:app:8:0:2"], _ecs.Runs.Select(r => r.Group));
        Assert.Contains("waiting for IAM to propagate", wait.Message, StringComparison.Ordinal);
        Assert.Equal(BeforeDeployRunner.Poll, wait.Readiness.RequeueAfter);
    }

    [Fact]
    public async Task EnsureSucceeded_Should_FailNamingThePermission_When_TheSecretsStayUnreadableEveryTry()
    {
        await Assert.ThrowsAsync<NotReadyException>(() => Ensure([Migrate]));
        for (var i = 0; i < BeforeDeployRunner.SecretsAttempts - 1; i++)
        {
            _ecs.Finish(i, null, SecretsDenied);
            await Assert.ThrowsAsync<NotReadyException>(() => Ensure([Migrate]));
        }

        _ecs.Finish(BeforeDeployRunner.SecretsAttempts - 1, null, SecretsDenied);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Ensure([Migrate]));

        Assert.Equal(BeforeDeployRunner.SecretsAttempts, _ecs.Runs.Count);
        Assert.Contains("may not read its secrets", failure.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDeniedException", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CannotPullContainerError: image not found", false)]
    [InlineData("Resourceinitializationerror: unable to pull secrets or registry auth: ... AccessDeniedException: User: x is not authorized", true)]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: ... RequestCanceled: context deadline exceeded", false)]
    public void SecretsNotYetReadable_Should_MatchOnlyAccessDeniedOnSecrets_When_GivenAStoppedReason(string reason, bool expected) =>
        Assert.Equal(expected, BeforeDeployRunner.SecretsNotYetReadable(new Reconciler.Aws.Ecs.EcsTask("arn:task", Revision, "g", "reconciler", "STOPPED", reason, [], [])));

    [Fact]
    public async Task EnsureSucceeded_Should_StopTheTaskAndFail_When_ItOutlivesItsTimeout()
    {
        await Assert.ThrowsAsync<NotReadyException>(() => Ensure([Migrate]));
        _clock.Advance(TimeSpan.FromSeconds(600));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Ensure([Migrate]));

        var stop = Assert.Single(_ecs.Stops);
        Assert.Equal(_ecs.Tasks[0].TaskArn, stop.Task);
        Assert.Contains("timed out after 600 s", stop.Reason, StringComparison.Ordinal);
        Assert.Contains("ran longer than 600 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureSucceeded_Should_RunTheTasksInOrder_When_ThereAreSeveral()
    {
        BeforeDeployTask[] tasks = [Migrate, new("web", new ContainerCommand(["python", "manage.py", "collectstatic", "--noinput"]), 60)];
        await Assert.ThrowsAsync<NotReadyException>(() => Ensure(tasks));
        Assert.Single(_ecs.Runs);
        _ecs.Finish(0, 0);

        await Assert.ThrowsAsync<NotReadyException>(() => Ensure(tasks));
        Assert.Equal(["reconciler:demo:app:8:0", "reconciler:demo:app:8:1"], _ecs.Runs.Select(r => r.Group));
        _ecs.Finish(1, 0);

        await Ensure(tasks);
        Assert.Equal(2, _ecs.Runs.Count);
    }

    [Fact]
    public async Task EnsureSucceeded_Should_RunAgain_When_TheRevisionIsNew()
    {
        await Assert.ThrowsAsync<NotReadyException>(() => Ensure([Migrate]));
        _ecs.Finish(0, 1);

        var next = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/demo-app:9";
        await Assert.ThrowsAsync<NotReadyException>(() => _runner.EnsureSucceededAsync(_service, [Migrate], next, CancellationToken.None));

        Assert.Equal([Revision, next], _ecs.Runs.Select(r => r.TaskDefinition));
    }

    [Fact]
    public async Task EnsureSucceeded_Should_FailWithECSsReason_When_NoTaskCouldBePlaced()
    {
        _ecs.PlacementFailures.Add(new("arn:aws:ecs:ap-northeast-1:123456789012:container-instance/x", "RESOURCE:MEMORY", null));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Ensure([Migrate]));

        Assert.Contains("could not start: RESOURCE:MEMORY", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:ecs:ap-northeast-1:123456789012:task-definition/demo-app:8", "demo-app", "8")]
    [InlineData("arn:aws:ecs:ap-northeast-1:123456789012:task-definition/my_app-2:12", "my_app-2", "12")]
    public void Revision_Should_SplitFamilyAndNumber_When_GivenARevisionArn(string arn, string family, string number) =>
        Assert.Equal((family, number), BeforeDeployRunner.Revision(arn));

    [Fact]
    public void Decide_Should_NotTimeOut_When_TheStartTimeIsUnknown()
    {
        var task = new Reconciler.Aws.Ecs.EcsTask("arn:t", Revision, "g", "reconciler", "RUNNING", null, null, null);

        Assert.Equal(OneOffTaskState.Running, BeforeDeployRunner.Decide(task, Migrate, DateTimeOffset.MaxValue));
    }

    private Task Ensure(IReadOnlyList<BeforeDeployTask> tasks) => _runner.EnsureSucceededAsync(_service, tasks, Revision, CancellationToken.None);
}
