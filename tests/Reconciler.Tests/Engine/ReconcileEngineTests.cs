using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;

namespace Reconciler.Tests.Engine;

/// <summary>The engine's passes around failures and waits, with providers of our own interface and a fake clock.</summary>
public sealed class ReconcileEngineTests
{
    /// <summary>A provider of our own interface: keeps what it creates; its nth create fails with what <c>fault(n)</c> gives.</summary>
    private sealed class ScriptedProvider(ResourceKind kind, Func<int, Exception?> fault) : IResourceProvider
    {
        private readonly List<ObservedResource> _live = [];

        public int Creates { get; private set; }

        public ResourceKind Kind => kind;

        public Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ObservedResource>>([.. _live]);

        public Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
        {
            Creates++;
            if (fault(Creates) is { } error)
            {
                return Task.FromException<CreatedResource>(error);
            }

            var id = $"{kind.Name}-{Creates}";
            _live.Add(TaggedResources.Observed(kind, id, desired.Tags, desired.Properties.Select(p => (p.Key, p.Value)))!);
            return Task.FromResult(new CreatedResource(id));
        }

        public Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct) => Task.CompletedTask;

        public Task DeleteAsync(ObservedResource actual, CancellationToken ct) => Task.CompletedTask;
    }

    private static DesiredResource Desired(ResourceKind kind, string name, params string[] dependsOn) =>
        new(kind, name,
            ImmutableSortedDictionary<string, FieldValue>.Empty.Add("name", FieldValue.Of(name)),
            [.. dependsOn],
            ImmutableSortedDictionary<string, string>.Empty.Add(Ownership.EnvironmentTag, "demo").Add(Ownership.LogicalIdTag, $"{kind.Name}/{name}"));

    [Fact]
    public async Task ApplyAsync_Should_KeepConvergingOtherBranchesAndReportTheFailureAtTheEnd_When_OneStepFailsWithARetryableError()
    {
        // The VPC fails with a retryable error whose retries are spent; its subnet depends on it. The log group, another
        // branch, is only waiting a few seconds (as for a load balancer still provisioning) and then is created.
        var retryable = new AwsCallException("ec2", "CreateVpc", AwsError.Classify("DependencyViolation", HttpStatusCode.BadRequest, "req-1"), new InvalidOperationException("DependencyViolation"));
        var vpcs = new ScriptedProvider(ResourceKinds.Vpc, _ => retryable);
        var subnets = new ScriptedProvider(ResourceKinds.Subnet, _ => null);
        var logGroups = new ScriptedProvider(ResourceKinds.LogGroup, n => n == 1 ? new NotReadyException("the load balancer is provisioning", TimeSpan.FromSeconds(5)) : null);
        var registry = new ProviderRegistry([vpcs, subnets, logGroups]);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var engine = new ReconcileEngine(_ => registry, NullLogger<ReconcileEngine>.Instance, clock);
        var graph = new ResourceGraph("demo", "ap-northeast-1",
            [Desired(ResourceKinds.Vpc, "main"), Desired(ResourceKinds.Subnet, "a", "vpc/main"), Desired(ResourceKinds.LogGroup, "app")]);

        var apply = engine.ApplyAsync(graph, new PlanOptions(Prune: false), CancellationToken.None);
        for (var i = 0; i < 1000 && !apply.IsCompleted; i++)
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var result = await apply;
        Assert.Equal(2, logGroups.Creates); // waited, then created: the failure elsewhere did not stop the apply
        Assert.Equal(PlanAction.NoOp, result.FinalPlan.Steps.Single(s => s.LogicalId == "log-group/app").Action);
        Assert.Equal(1, vpcs.Creates); // tried once in this apply, not hammered
        Assert.Equal(0, subnets.Creates); // its dependent is never attempted
        var failure = Assert.Single(result.Failed);
        Assert.Equal("vpc/main", failure.Step.LogicalId);
        Assert.False(failure.Terminal);
        Assert.Contains(result.Steps, s => s.Step.LogicalId == "subnet/a" && s.Outcome == StepOutcome.Skipped);
        Assert.DoesNotContain(result.Steps, s => s.Outcome == StepOutcome.Skipped && s.Terminal); // nothing here is terminal
        Assert.False(result.Converged);
    }

    private static (ReconcileEngine Engine, FakeTimeProvider Clock, List<string> Journal, LifecycleProvider Gateways) Deleting(TimeSpan deletionTakes)
    {
        // A NAT gateway that AWS takes minutes to delete, holding subnet-1, which holds vpc-1.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var journal = new List<string>();
        var gateways = new LifecycleProvider(ResourceKinds.NatGateway, clock, journal, deletionTakes: deletionTakes);
        var subnets = new LifecycleProvider(ResourceKinds.Subnet, clock, journal);
        var vpcs = new LifecycleProvider(ResourceKinds.Vpc, clock, journal);
        gateways.Seed("main", "nat-1", ("subnet", "subnet-1"));
        subnets.Seed("a", "subnet-1", ("vpc", "vpc-1"));
        vpcs.Seed("main", "vpc-1");
        var registry = new ProviderRegistry([gateways, subnets, vpcs]);
        return (new ReconcileEngine(_ => registry, NullLogger<ReconcileEngine>.Instance, clock), clock, journal, gateways);
    }

    [Fact]
    public async Task ApplyAsync_Should_ReobserveInPassesUntilTheDeletionEnds_When_AWSTakesMinutesToDeleteWhatOthersNeed()
    {
        var (engine, clock, journal, gateways) = Deleting(TimeSpan.FromMinutes(2));
        var destroy = new ResourceGraph("demo", "ap-northeast-1", []);

        var apply = engine.ApplyAsync(destroy, new PlanOptions(Prune: true, Destroy: true), CancellationToken.None);
        for (var i = 0; i < 1000 && !apply.IsCompleted; i++)
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var result = await apply;
        Assert.True(result.Converged, string.Join("\n", result.Steps.Select(s => $"{s.Step.LogicalId}: {s.Outcome} {s.Message}")));
        Assert.Equal(1, gateways.DeletesIssued); // issued once; the later passes only looked at it
        Assert.True(result.Passes > 2, $"{result.Passes} passes");
        Assert.Equal(["delete nat-gateway/main", "gone nat-gateway/main", "delete subnet/a", "gone subnet/a", "delete vpc/main", "gone vpc/main"], journal);
        Assert.True(clock.GetUtcNow() >= new DateTimeOffset(2025, 5, 1, 12, 2, 0, TimeSpan.Zero)); // the CLI waited on the clock, not a worker on AWS
    }

    [Fact]
    public async Task ApplyAsync_Should_ReturnTheProvidersRequeueAtOnce_When_TheControllerAppliesAndADeletionRuns()
    {
        var (engine, clock, journal, _) = Deleting(TimeSpan.FromMinutes(2));
        var started = clock.GetUtcNow();

        var result = await engine.ApplyAsync(new ResourceGraph("demo", "ap-northeast-1", []), new PlanOptions(Prune: true, Destroy: true), CancellationToken.None, waitInline: false);

        Assert.Equal(started, clock.GetUtcNow()); // nothing waited on the clock
        Assert.False(result.Converged);
        Assert.Equal(LifecycleProvider.Requeue, result.RequeueAfter);
        Assert.Equal(["delete nat-gateway/main"], journal);
        Assert.Contains(result.Waiting, w => w.Step.LogicalId == "subnet/a" && w.Message == "waits for nat-gateway/main: nat-gateway/main is deleting");
    }

    /// <summary>
    /// Issue 14 (convergence from empty against the longest chain): while the CLI's apply only waits for a dependency
    /// (a certificate pending validation), each look after a wait reads the kinds that can have changed (the one waited
    /// for, the step that waits) and not the whole environment: the VPC, created in the first pass and ready, is read
    /// by the first observation, the one after the pass that created it, and the full one that confirms convergence.
    /// </summary>
    [Fact]
    public async Task ApplyAsync_Should_ReadAgainOnlyWhatItWaitsFor_When_ADependencyTakesAMinuteToBeReady()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var journal = new List<string>();
        var certificates = new LifecycleProvider(ResourceKinds.Certificate, clock, journal, creationTakes: TimeSpan.FromMinutes(1));
        var listeners = new LifecycleProvider(ResourceKinds.Listener, clock, journal);
        var vpcs = new LifecycleProvider(ResourceKinds.Vpc, clock, journal);
        var engine = new ReconcileEngine(_ => new ProviderRegistry([certificates, listeners, vpcs]), NullLogger<ReconcileEngine>.Instance, clock);
        var graph = new ResourceGraph("demo", "ap-northeast-1",
            [Desired(ResourceKinds.Vpc, "main"), Desired(ResourceKinds.Certificate, "api"), Desired(ResourceKinds.Listener, "app-443", "certificate/api")]);

        var apply = engine.ApplyAsync(graph, new PlanOptions(Prune: false), CancellationToken.None);
        for (var i = 0; i < 1000 && !apply.IsCompleted; i++)
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var result = await apply;
        Assert.True(result.Converged, string.Join("\n", result.Steps.Select(s => $"{s.Step.LogicalId}: {s.Outcome} {s.Message}")));
        Assert.Equal(1, listeners.Creates); // created once, after the certificate was ready
        Assert.Equal(["create certificate/api", "create listener/app-443", "create vpc/main"], journal.Order(StringComparer.Ordinal));
        Assert.Equal("create listener/app-443", journal[^1]);
        Assert.True(certificates.Observes >= 5, $"the certificate was looked at {certificates.Observes} times over a minute of waiting");
        Assert.Equal(3, vpcs.Observes);
    }
}
