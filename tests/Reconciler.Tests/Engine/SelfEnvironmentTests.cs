using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;

namespace Reconciler.Tests.Engine;

/// <summary>RECONCILER_SELF_ENVIRONMENT: the engine never deletes what the controller runs on, whichever verb asks.</summary>
public sealed class SelfEnvironmentTests
{
    /// <summary>Observes one owned log group of <c>ops</c> that no spec lists any more; records the deletes it is asked for.</summary>
    private sealed class LeftoverLogGroups : IResourceProvider
    {
        public List<string> Deleted { get; } = [];

        public ResourceKind Kind => ResourceKinds.LogGroup;

        public Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ObservedResource>>(environments.Where(env => !Deleted.Contains($"{env}:/old")).Select(env => new ObservedResource(
                Kind, "log-group/old", env, "/old", ImmutableSortedDictionary<string, FieldValue>.Empty,
                ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(Ownership.EnvironmentTag, env), KeyValuePair.Create(Ownership.LogicalIdTag, "log-group/old")]),
                ImmutableSortedDictionary<string, string>.Empty)).ToList());

        public Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct) => throw new InvalidOperationException("no create expected");

        public Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct) => throw new InvalidOperationException("no update expected");

        public Task DeleteAsync(ObservedResource actual, CancellationToken ct)
        {
            Deleted.Add($"{actual.Environment}:{actual.AwsId}");
            return Task.CompletedTask;
        }
    }

    private static ResourceGraph Empty(string environment) => new(environment, "ap-northeast-1", []);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ApplyAsync_Should_DeleteNothing_When_TheEnvironmentIsTheControllersOwn(bool destroy)
    {
        var provider = new LeftoverLogGroups();
        var registry = new ProviderRegistry([provider]);
        var engine = new ReconcileEngine(_ => registry, NullLogger<ReconcileEngine>.Instance, TimeProvider.System) { SelfEnvironment = "ops" };

        var result = await engine.ApplyAsync(Empty("ops"), new PlanOptions(Prune: true, Destroy: destroy), CancellationToken.None);
        var other = await engine.ApplyAsync(Empty("staging"), new PlanOptions(Prune: true, Destroy: destroy), CancellationToken.None);

        Assert.Equal(["staging:/old"], provider.Deleted);
        var blocked = Assert.Single(result.FinalPlan.Steps);
        Assert.Equal(PlanAction.Blocked, blocked.Action);
        Assert.Contains("controller runs on this environment", blocked.Reason, StringComparison.Ordinal);
        Assert.True(other.Converged);
    }
}
