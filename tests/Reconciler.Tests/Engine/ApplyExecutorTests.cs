using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
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
}
