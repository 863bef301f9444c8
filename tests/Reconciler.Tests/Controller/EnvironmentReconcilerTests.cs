using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Controller;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Providers;
using Reconciler.Tests.Engine;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

/// <summary>
/// The pass/hold/wait loop of one environment, with providers of our own interface (<see cref="FakeProvider"/>) and a
/// fake clock: what each reconcile answers, and what it attempts, as passes follow each other.
/// </summary>
public sealed class EnvironmentReconcilerTests
{
    private const string Env = "loop";

    private static readonly TimeSpan Resync = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan LongHold = TimeSpan.FromMinutes(30);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private readonly SpecCatalog _catalog = new();

    private readonly Dictionary<ResourceKind, FakeProvider> _providers = [];

    private readonly EnvironmentReconciler _reconciler;

    public EnvironmentReconcilerTests()
    {
        Publish("1", "/ecs/loop");
        foreach (var kind in _catalog.Entries.SelectMany(e => GraphBuilder.Build(e.InForce.Document!).Graph!.Resources).Select(r => r.Kind).Distinct())
        {
            _providers[kind] = new FakeProvider(kind);
        }

        var registry = new ProviderRegistry(_providers.Values);
        var engine = new ReconcileEngine(_ => registry, NullLogger<ReconcileEngine>.Instance, _clock);
        // No jitter and no shared observation: each pass observes the fake providers itself, and answers exact delays.
        var options = new ControllerOptions([], [], Resync, Rescan: TimeSpan.FromMinutes(1), Workers: 1, Listen: null)
        {
            ResyncJitter = 0,
            SharedObservationMaxAge = TimeSpan.Zero,
            Backoff = new WorkQueueOptions(TimeSpan.FromSeconds(1), LongHold),
        };
        _reconciler = new EnvironmentReconciler(options, _catalog, engine, _clock, NullLogger.Instance);
    }

    private FakeProvider Vpcs => _providers[ResourceKinds.Vpc];

    private FakeProvider Subnets => _providers[ResourceKinds.Subnet];

    private FakeProvider LogGroups => _providers[ResourceKinds.LogGroup];

    /// <summary>The spec's file as a source lists it, at <paramref name="version"/>, its log group named <paramref name="logGroup"/>.</summary>
    private void Publish(string version, string logGroup)
    {
        var text = TestSpecs.Small(Env, $$"""
            network:
              cidr: 10.9.0.0/16
              subnets:
                - { name: a, zone: {{EngineHarness.Region}}a, cidr: 10.9.0.0/24 }
            logGroups:
              - { name: {{logGroup}} }
            """);
        _catalog.Apply(new SourceListing("/specs/", [new SpecDocument("/specs/loop.yaml", version, Encoding.UTF8.GetBytes(text))], Complete: true));
    }

    private Task<ReconcileResult> Reconcile() => _reconciler.ReconcileAsync(Env, CancellationToken.None);

    // AccessDenied is a client error: AWS says to revise the request before trying again, never to retry it as sent
    // (docs.aws.amazon.com/general/latest/gr/api-retries.html); DependencyViolation clears as dependencies go.
    private static AwsCallException Error(string code) =>
        new("logs", "CreateLogGroup", AwsError.Classify(code, HttpStatusCode.BadRequest, "req-1"), new InvalidOperationException(code));

    [Fact]
    public async Task ReconcileAsync_Should_AnswerDoneAfterTheResync_When_TheEnvironmentHasConverged()
    {
        var first = await Reconcile();
        var second = await Reconcile();

        Assert.Equal(ReconcileOutcome.Done, first.Outcome);
        Assert.Equal("repaired", first.State);
        Assert.Equal(ReconcileOutcome.Done, second.Outcome);
        Assert.Equal(Resync, second.After);
        Assert.Equal("in sync", second.Status!.Result);
        Assert.Empty(second.Drift);
        Assert.Equal(1, Vpcs.Creates); // the second pass changed nothing
    }

    [Fact]
    public async Task ReconcileAsync_Should_RequeueAfterTheProvidersWait_When_ADependencyIsNotReady()
    {
        // The VPC says it is not ready (as a database still creating would); its subnet waits for it, nothing fails.
        Vpcs.Fault = n => n == 1 ? new NotReadyException("the VPC is pending", TimeSpan.FromSeconds(20)) : null;

        var waiting = await Reconcile();
        var subnetsWhileWaiting = Subnets.Creates;
        var after = await Reconcile();

        Assert.Equal(ReconcileOutcome.Requeue, waiting.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(20), waiting.After);
        Assert.Equal("waiting", waiting.Status!.Result);
        Assert.Contains(waiting.Status.WaitingFor, w => w.StartsWith("vpc/", StringComparison.Ordinal) && w.Contains("the VPC is pending", StringComparison.Ordinal));
        Assert.Equal(0, subnetsWhileWaiting); // never attempted against a VPC that is not there yet
        Assert.Equal(ReconcileOutcome.Done, after.Outcome);
        Assert.Equal(1, Subnets.Creates);
    }

    [Fact]
    public async Task ReconcileAsync_Should_HoldATerminalFailureUntilItsHoldEnds_When_RetryingCannotFixIt()
    {
        LogGroups.Fault = _ => Error("AccessDeniedException");

        var failed = await Reconcile();
        _clock.Advance(LongHold - TimeSpan.FromMinutes(1));
        var held = await Reconcile();
        var attemptsWhileHeld = LogGroups.Creates;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var retried = await Reconcile();

        Assert.Equal(ReconcileOutcome.Failed, failed.Outcome);
        Assert.True(failed.Terminal);
        Assert.Equal(LongHold, failed.After); // back when the hold ends, not on the queue's short backoff
        Assert.Contains(failed.Status!.WaitingFor, w => w.StartsWith("log-group/", StringComparison.Ordinal) && w.Contains("AccessDeniedException", StringComparison.Ordinal));
        Assert.Equal(1, Subnets.Creates); // the rest of the environment converged around it
        Assert.Equal(ReconcileOutcome.Failed, held.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(1), held.After);
        Assert.Equal(1, attemptsWhileHeld); // not retried while held
        Assert.Equal(2, LogGroups.Creates); // tried again once the hold ended
        Assert.True(retried.Terminal);
    }

    [Fact]
    public async Task ReconcileAsync_Should_RetryAHeldFailureAtOnce_When_TheSpecChanges()
    {
        LogGroups.Fault = n => n == 1 ? Error("AccessDeniedException") : null;
        var failed = await Reconcile();

        _clock.Advance(TimeSpan.FromMinutes(1));
        Publish("2", "/ecs/loop-fixed");
        var fixedSpec = await Reconcile();

        Assert.True(failed.Terminal);
        Assert.Equal(2, LogGroups.Creates);
        Assert.Equal(ReconcileOutcome.Done, fixedSpec.Outcome);
    }

    [Fact]
    public async Task ReconcileAsync_Should_FailForTheQueuesBackoffAndRetryNextPass_When_TheFailureIsRetryable()
    {
        LogGroups.Fault = n => n == 1 ? Error("DependencyViolation") : null;

        var failed = await Reconcile();
        var next = await Reconcile();

        Assert.Equal(ReconcileOutcome.Failed, failed.Outcome);
        Assert.False(failed.Terminal);
        Assert.Null(failed.After); // the queue's exponential backoff decides when
        Assert.Equal("failed", failed.Status!.Result);
        Assert.Equal(2, LogGroups.Creates); // held for its own apply only: the next pass tries it
        Assert.Equal(ReconcileOutcome.Done, next.Outcome);
    }

    [Fact]
    public async Task ReconcileAsync_Should_AnswerGone_When_TheEnvironmentLeftTheCatalog()
    {
        var result = await _reconciler.ReconcileAsync("never-listed", CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Gone, result.Outcome);
        Assert.Null(result.Status);
        Assert.Null(result.State);
    }
}
