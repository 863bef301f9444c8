using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Reconciler.Controller;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

/// <summary>The rollout of a service as the controller reports it, from the service provider's attributes.</summary>
public sealed class RolloutReporterTests : IDisposable
{
    private const string Old = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/demo-app:7";
    private const string New = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/demo-app:8";

    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly RolloutReporter _reporter = new();

    public RolloutReporterTests()
    {
        _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));
        _log = _loggers.CreateLogger("test");
    }

    public void Dispose() => _loggers.Dispose();

    [Theory]
    [InlineData("IN_PROGRESS", "rollback", Rollout.InProgress)]
    [InlineData("COMPLETED", "rollback", Rollout.Steady)]
    [InlineData("FAILED", "rollback", Rollout.RolledBack)]
    [InlineData("FAILED", "disabled", Rollout.Failed)]
    public void Of_Should_NameTheState_When_ThePrimaryDeploymentReportsIt(string state, string breaker, string expected)
    {
        var rollout = RolloutReporter.Of("ecs-service/app", Service(breaker, ("rolloutState", state), ("rolloutTaskDefinition", New)));

        Assert.Equal(new Rollout("ecs-service/app", New, expected, string.Empty), rollout);
    }

    [Fact]
    public void Of_Should_ReportTheRolledBackRevision_When_TheBreakerReturnedToTheLastGoodOne()
    {
        // After a rollback the PRIMARY deployment is the old revision again, in progress; the failed one is the news.
        var rollout = RolloutReporter.Of("ecs-service/app", Service("rollback",
            ("rolloutState", "IN_PROGRESS"), ("rolloutTaskDefinition", Old), ("failedTaskDefinition", New), ("failedReason", "tasks failed to start")));

        Assert.Equal(new Rollout("ecs-service/app", New, Rollout.RolledBack, "tasks failed to start"), rollout);
    }

    [Fact]
    public void Of_Should_ReportNothing_When_TheServiceHasNoRolloutState()
    {
        Assert.Null(RolloutReporter.Of("ecs-service/app", Service("rollback")));
    }

    [Fact]
    public void Report_Should_LogOncePerChangeAndListWhatIsInProgress_When_ARolloutAdvances()
    {
        var rolling = _reporter.Report(_log, "demo", Plan(("rolloutState", "IN_PROGRESS"), ("rolloutTaskDefinition", New)));
        var again = _reporter.Report(_log, "demo", Plan(("rolloutState", "IN_PROGRESS"), ("rolloutTaskDefinition", New)));
        var done = _reporter.Report(_log, "demo", Plan(("rolloutState", "COMPLETED"), ("rolloutTaskDefinition", New)));

        Assert.Equal([$"ecs-service/app: rollout to {New} in progress"], rolling);
        Assert.Equal(rolling, again);
        Assert.Empty(done);
        Assert.Equal(
        [
            $"Information test: Rollout of demo ecs-service/app to {New}: in progress",
            $"Information test: Rollout of demo ecs-service/app to {New}: steady",
        ], _logs.Lines);
    }

    [Fact]
    public void Report_Should_WarnWithTheReason_When_TheBreakerRolledBack()
    {
        _reporter.Report(_log, "demo", Plan(("rolloutState", "IN_PROGRESS"), ("rolloutTaskDefinition", Old), ("failedTaskDefinition", New), ("failedReason", "tasks failed to start")));

        Assert.Equal([$"Warning test: Rollout of demo ecs-service/app to {New}: rolled back (tasks failed to start)"], _logs.Lines);
    }

    [Fact]
    public void Report_Should_LogAgain_When_TheEnvironmentWasForgotten()
    {
        _reporter.Report(_log, "demo", Plan(("rolloutState", "COMPLETED"), ("rolloutTaskDefinition", New)));
        _reporter.Forget("demo");
        _reporter.Report(_log, "demo", Plan(("rolloutState", "COMPLETED"), ("rolloutTaskDefinition", New)));

        Assert.Equal(2, _logs.Lines.Count);
    }

    private static Plan Plan(params (string Key, string Value)[] attributes)
    {
        var observed = Service("rollback", attributes);
        return new Plan("demo", [new PlanStep(PlanAction.NoOp, ResourceKinds.EcsService, observed.LogicalId, null, observed, [], "in sync")]);
    }

    private static ObservedResource Service(string breaker, params (string Key, string Value)[] attributes) => new(
        ResourceKinds.EcsService,
        "ecs-service/app",
        "demo",
        "arn:aws:ecs:ap-northeast-1:123456789012:service/demo-app/demo-app",
        ImmutableSortedDictionary<string, FieldValue>.Empty.Add("circuitBreaker", FieldValue.Of(breaker)).Add("taskDefinition", FieldValue.Of(Old)),
        ImmutableSortedDictionary<string, string>.Empty,
        attributes.ToImmutableSortedDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));
}
