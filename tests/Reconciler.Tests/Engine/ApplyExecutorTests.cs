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

public sealed class ApplyExecutorTests
{
    /// <summary>A provider of our own interface whose create fails with the error given.</summary>
    private sealed class FailingProvider(Exception error) : IResourceProvider
    {
        public ResourceKind Kind => ResourceKinds.Vpc;

        public Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ObservedResource>>([]);

        public Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct) => Task.FromException<CreatedResource>(error);

        public Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct) => Task.CompletedTask;

        public Task DeleteAsync(ObservedResource actual, CancellationToken ct) => Task.CompletedTask;
    }

    private static async Task<StepResult> CreateVpcFailingWith(Exception error)
    {
        var vpc = new DesiredResource(ResourceKinds.Vpc, "main",
            System.Collections.Immutable.ImmutableSortedDictionary<string, FieldValue>.Empty.Add("cidr", FieldValue.Of("10.0.0.0/16")),
            [], System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty);
        var graph = new ResourceGraph("demo", "ap-northeast-1", [vpc]);
        var plan = Planner.Plan(graph, ObservedState.Empty([ResourceKinds.Vpc]), new PlanOptions(Prune: false));
        var executor = new ApplyExecutor(new ProviderRegistry([new FailingProvider(error)]), NullLogger.Instance);
        return Assert.Single(await executor.ExecuteAsync(plan, CancellationToken.None));
    }

    private static AwsCallException Error(string code, HttpStatusCode status) =>
        new("ec2", "CreateVpc", AwsError.Classify(code, status, "req-1"), new InvalidOperationException(code));

    [Fact]
    public async Task ExecuteAsync_Should_MarkTheFailureTerminalWithARemedy_When_RetryingCannotFixIt()
    {
        var result = await CreateVpcFailingWith(Error("UnauthorizedOperation", HttpStatusCode.Forbidden));

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.True(result.Terminal);
        Assert.Contains("remedy", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_Should_WaitInsteadOfFailing_When_TheAnswerToACreateWasLost()
    {
        var result = await CreateVpcFailingWith(Error("InternalError", HttpStatusCode.InternalServerError));

        Assert.Equal(StepOutcome.Waiting, result.Outcome);
        Assert.False(result.Terminal);
        Assert.Contains("looking again before creating anew", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_Should_MarkTheFailureRetryable_When_ItIsNeitherTerminalNorALostAnswer()
    {
        var result = await CreateVpcFailingWith(Error("DependencyViolation", HttpStatusCode.BadRequest));

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.False(result.Terminal);
    }

    [Fact]
    public async Task ExecuteAsync_Should_WaitInsteadOfFailing_When_IAMIsStillPropagatingAfterTheRetries()
    {
        // RunInstances answered InvalidParameterValue "Invalid IAM Instance Profile name" past the runner's window: IAM
        // eventual consistency (IAM guide, "Changes that I make are not always immediately visible"), never terminal.
        var error = new AwsCallException("ec2", "RunInstances",
            AwsError.Classify("InvalidParameterValue", HttpStatusCode.BadRequest, "req-1", "Value (ecsInstanceRole) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name"),
            new InvalidOperationException("InvalidParameterValue"));

        var result = await CreateVpcFailingWith(error);

        Assert.Equal(StepOutcome.Waiting, result.Outcome);
        Assert.False(result.Terminal);
        Assert.Equal("IAM instance profile ecsInstanceRole is not visible to EC2 yet", result.Message);
        Assert.NotNull(result.RetryAfter);
    }

    private static readonly DateTimeOffset Start = new(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static DesiredResource Desired(ResourceKind kind, string name, string[] dependsOn, params (string Key, string Value)[] properties) =>
        new(kind, name,
            properties.Aggregate(ImmutableSortedDictionary<string, FieldValue>.Empty.Add("name", FieldValue.Of(name)), (all, p) => all.SetItem(p.Key, FieldValue.Of(p.Value))),
            [.. dependsOn],
            ImmutableSortedDictionary<string, string>.Empty.Add(Ownership.EnvironmentTag, "demo").Add(Ownership.LogicalIdTag, $"{kind.Name}/{name}"));

    private static async Task<Plan> PlanAsync(ResourceGraph graph, PlanOptions options, params LifecycleProvider[] providers)
    {
        var observed = new List<ObservedResource>();
        foreach (var provider in providers)
        {
            observed.AddRange(await provider.ObserveAsync(["demo"], [], CancellationToken.None));
        }

        return Planner.Plan(graph, new ObservedState(observed, providers.Select(p => p.Kind).ToHashSet()), options);
    }

    [Fact]
    public async Task ExecuteAsync_Should_WaitWithTheProvidersRequeue_When_ADependencyWasCreatedNotReady()
    {
        var clock = new FakeTimeProvider(Start);
        var journal = new List<string>();
        var vpcs = new LifecycleProvider(ResourceKinds.Vpc, clock, journal, creationTakes: TimeSpan.FromMinutes(1));
        var subnets = new LifecycleProvider(ResourceKinds.Subnet, clock, journal);
        var graph = new ResourceGraph("demo", "ap-northeast-1", [Desired(ResourceKinds.Vpc, "main", []), Desired(ResourceKinds.Subnet, "a", ["vpc/main"])]);
        var plan = await PlanAsync(graph, new PlanOptions(Prune: false), vpcs, subnets);

        var results = await new ApplyExecutor(new ProviderRegistry([vpcs, subnets]), NullLogger.Instance).ExecuteAsync(plan, CancellationToken.None);

        Assert.Equal(StepOutcome.Succeeded, results.Single(r => r.Step.LogicalId == "vpc/main").Outcome);
        var wait = results.Single(r => r.Step.LogicalId == "subnet/a");
        Assert.Equal(StepOutcome.Waiting, wait.Outcome);
        Assert.Equal("waits for vpc/main: vpc/main is creating", wait.Message);
        Assert.Equal(LifecycleProvider.Requeue, wait.RetryAfter);
        Assert.Equal(0, subnets.Creates);
    }

    [Fact]
    public async Task ExecuteAsync_Should_WaitTheDeletionsOfWhatItHolds_When_AWSIsStillDeletingAResource()
    {
        // The NAT gateway holds subnet-1 (its field names it), subnet-1's VPC waits in turn; subnet-2 and the log group
        // hold nothing of it and go at once.
        var clock = new FakeTimeProvider(Start);
        var journal = new List<string>();
        var gateways = new LifecycleProvider(ResourceKinds.NatGateway, clock, journal, deletionTakes: TimeSpan.FromMinutes(1));
        var subnets = new LifecycleProvider(ResourceKinds.Subnet, clock, journal);
        var vpcs = new LifecycleProvider(ResourceKinds.Vpc, clock, journal);
        var logGroups = new LifecycleProvider(ResourceKinds.LogGroup, clock, journal);
        gateways.Seed("main", "nat-1", ("subnet", "subnet-1"), ("allocation", "eipalloc-1"));
        subnets.Seed("a", "subnet-1", ("vpc", "vpc-1"));
        subnets.Seed("b", "subnet-2", ("vpc", "vpc-2"));
        vpcs.Seed("main", "vpc-1");
        logGroups.Seed("app", "app-logs");
        var plan = await PlanAsync(new ResourceGraph("demo", "ap-northeast-1", []), new PlanOptions(Prune: true, Destroy: true), gateways, subnets, vpcs, logGroups);

        var results = await new ApplyExecutor(new ProviderRegistry([gateways, subnets, vpcs, logGroups]), NullLogger.Instance).ExecuteAsync(plan, CancellationToken.None);

        string Outcome(string id) => results.Single(r => r.Step.LogicalId == id) is var r ? $"{r.Outcome}: {r.Message}" : string.Empty;
        Assert.Equal("Waiting: nat-gateway/main is deleting", Outcome("nat-gateway/main"));
        Assert.Equal("Waiting: waits for nat-gateway/main: nat-gateway/main is deleting", Outcome("subnet/a"));
        Assert.Equal("Waiting: waits for subnet/a: nat-gateway/main is deleting", Outcome("vpc/main"));
        Assert.Equal("Succeeded: ", Outcome("subnet/b"));
        Assert.Equal("Succeeded: ", Outcome("log-group/app"));
        Assert.All(results.Where(r => r.Outcome == StepOutcome.Waiting), r => Assert.Equal(LifecycleProvider.Requeue, r.RetryAfter));
        Assert.DoesNotContain("delete subnet/a", journal);
        Assert.DoesNotContain("delete vpc/main", journal);
    }

    [Fact]
    public async Task ExecuteAsync_Should_WaitToCreateTheNewHalf_When_TheOldHalfOfAReplacementIsStillDeleting()
    {
        var clock = new FakeTimeProvider(Start);
        var journal = new List<string>();
        var subnets = new LifecycleProvider(ResourceKinds.Subnet, clock, journal, deletionTakes: TimeSpan.FromMinutes(1));
        subnets.Seed("a", "subnet-1", ("cidr", "10.0.1.0/24"));
        var graph = new ResourceGraph("demo", "ap-northeast-1", [Desired(ResourceKinds.Subnet, "a", [], ("cidr", "10.0.2.0/24"))]);
        var plan = await PlanAsync(graph, new PlanOptions(Prune: false), subnets);
        Assert.Equal(PlanAction.Replace, plan.Steps.Single().Action);

        var results = await new ApplyExecutor(new ProviderRegistry([subnets]), NullLogger.Instance).ExecuteAsync(plan, CancellationToken.None);

        var only = Assert.Single(results); // one wait, not also a skip of the new half
        Assert.Equal(StepOutcome.Waiting, only.Outcome);
        Assert.Equal("subnet/a is deleting", only.Message);
        Assert.Equal(0, subnets.Creates);
    }
}
