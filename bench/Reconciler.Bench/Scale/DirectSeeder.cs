using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Observation;

namespace Reconciler.Bench.Scale;

/// <summary>
/// Seeds one environment without observing the account: the engine's own plan from empty and its own
/// <see cref="ApplyExecutor"/> (so every create is the provider's call with the engine's names, tags and values), minus
/// the engine's observe-plan loop. Only the kinds environments share (the hosted zone, the IAM roles and the instance
/// profile, found by name) are read first, so they are adopted as the engine adopts them. What the engine would wait
/// for between passes (a certificate pending validation, a load balancer provisioning, an instance pending) is not
/// waited for: moto checks none of these states when a dependent is created, and a listing of a 1,000-environment
/// account per pass is what makes seeding through the engine quadratic. Whether the result is exactly what the engine
/// converges to is proven afterwards, not assumed: a plan of every environment against a full observation must show
/// no change (ScaleBench's first resync).
/// </summary>
internal sealed class DirectSeeder(AwsComposition aws, string region)
{
    private static readonly ResourceKind[] SharedKinds = [ResourceKinds.HostedZone, ResourceKinds.IamRole, ResourceKinds.InstanceProfile];

    private static readonly FieldInfo ReadinessField = typeof(ApplyExecutor).GetField("_readiness", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException("ApplyExecutor._readiness not found: update DirectSeeder");

    private static readonly PlanOptions Options = new(Prune: true);

    /// <summary>Creates what <paramref name="graph"/> holds; returns the problems (empty when every step succeeded).</summary>
    public async Task<IReadOnlyList<string>> SeedAsync(ResourceGraph graph, CancellationToken ct)
    {
        var providers = aws.Providers(region);
        var shared = await ObservationScope.RunAsync(async () =>
        {
            var found = await Task.WhenAll(SharedKinds.Select(k =>
                providers.For(k).ObserveAsync([graph.Environment], graph.Resources.Where(r => r.Kind == k).ToList(), ct))).ConfigureAwait(false);
            return found.SelectMany(f => f).ToList();
        }).ConfigureAwait(false);
        var plan = aws.Engine.Plan(graph, new ObservedState(shared, providers.Kinds), Options);
        var executor = new ApplyExecutor(providers, NullLogger.Instance);
        var readiness = (ConcurrentDictionary<string, Readiness>)ReadinessField.GetValue(executor)!;
        var problems = new List<string>();
        for (var pass = 0; pass < ReconcileEngine.MaxPasses && plan.HasChanges; pass++)
        {
            var results = await executor.ExecuteAsync(plan, ct).ConfigureAwait(false);
            problems = [.. results.Where(r => r.Outcome == StepOutcome.Failed).Select(r => $"{r.Step.LogicalId}: {r.Message}")];
            if (problems.Count > 0)
            {
                return problems;
            }

            // Steps done become no-ops (the executor keeps their ids and attributes for the references of the rest);
            // what waited on a dependency's readiness goes again, now that every dependency counts as ready.
            var done = results.Where(r => r.Outcome == StepOutcome.Succeeded).Select(r => r.Step.LogicalId).ToHashSet(StringComparer.Ordinal);
            foreach (var key in readiness.Keys)
            {
                readiness[key] = Readiness.Ready;
            }

            plan = plan with { Steps = [.. plan.Steps.Select(s => done.Contains(s.LogicalId) ? s with { Action = PlanAction.NoOp } : s)] };
        }

        if (plan.HasChanges)
        {
            return [.. plan.Changes.Select(s => $"{s.LogicalId}: still {s.Action} after {ReconcileEngine.MaxPasses} passes")];
        }

        // A rule naming a group of the same environment is left out when both groups are created in one pass (the
        // engine's next pass adds it, ReconcileEngine): observe this environment's groups alone (two tag-filtered
        // reads: its VPC, which the groups depend on, and its groups) and plan that kind only (a kind not observed is not planned), as that pass would.
        ResourceKind[] again = [ResourceKinds.Vpc, ResourceKinds.SecurityGroup];
        var groups = await ObservationScope.RunAsync(async () =>
        {
            var found = await Task.WhenAll(again.Select(k =>
                providers.For(k).ObserveAsync([graph.Environment], graph.Resources.Where(r => r.Kind == k).ToList(), ct))).ConfigureAwait(false);
            return found.SelectMany(f => f).ToList();
        }).ConfigureAwait(false);
        var rules = aws.Engine.Plan(graph, new ObservedState([.. shared, .. groups], SharedKinds.Concat(again).ToHashSet()), Options);
        if (rules.HasChanges)
        {
            var results = await new ApplyExecutor(providers, NullLogger.Instance).ExecuteAsync(rules, ct).ConfigureAwait(false);
            problems = [.. results.Where(r => r.Outcome != StepOutcome.Succeeded).Select(r => $"{r.Step.LogicalId}: {r.Outcome} {r.Message}")];
        }

        return problems;
    }
}
