using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Model.Tests.Planning;

public sealed class PlannerDestroyTests
{
    internal static readonly ResourceGraph Graph = GraphBuilder.Build(TestSpecs.Load(TestSpecs.Base).Document!).Graph!;

    /// <summary>Every resource of the graph live, with its desired properties resolved to fake ids.</summary>
    internal static ObservedState Live(Func<DesiredResource, SortedMap<FieldValue>, SortedMap<FieldValue>>? edit = null)
    {
        var resources = Graph.Resources.Select(r =>
        {
            var properties = Planner.ResolveAll(r, id => "id-" + id);
            return new ObservedResource(r.Kind, r.LogicalId, Graph.Environment, "id-" + r.LogicalId,
                edit is null ? properties : edit(r, properties), r.Tags, ImmutableSortedDictionary<string, string>.Empty);
        }).ToList();
        return new ObservedState(resources, ResourceKinds.All.ToHashSet());
    }

    [Fact]
    public void Plan_Should_KeepAProtectedDatabaseAndWhatItNeeds_When_Destroying()
    {
        var plan = Planner.Plan(Graph, Live(), new PlanOptions(Prune: true, Destroy: true));

        var database = plan.Steps.Single(s => s.LogicalId.StartsWith("db-instance/", StringComparison.Ordinal));
        Assert.Equal(PlanAction.Blocked, database.Action);
        Assert.Contains("deletion protection", database.Reason, StringComparison.Ordinal);
        var kept = plan.Steps.Where(s => s.Action == PlanAction.Orphan).Select(s => s.LogicalId).ToHashSet();
        Assert.Contains(kept, id => id.StartsWith("db-subnet-group/", StringComparison.Ordinal));
        Assert.Contains("vpc/main", kept);
        Assert.DoesNotContain(plan.Steps, s => s.Action == PlanAction.Delete && kept.Contains(s.LogicalId));
        Assert.Contains(plan.Steps, s => s.LogicalId == "load-balancer/app" && s.Action == PlanAction.Delete);
    }

    [Fact]
    public void Plan_Should_DeleteTheDatabase_When_DeletionProtectionIsOff()
    {
        var plan = Planner.Plan(Graph, Live((r, p) => r.Kind == ResourceKinds.DbInstance ? p.SetItem("deletionProtection", FieldValue.Of(false)) : p),
            new PlanOptions(Prune: true, Destroy: true));

        Assert.DoesNotContain(plan.Steps, s => s.Action is PlanAction.Blocked or PlanAction.Orphan);
        Assert.Contains(plan.Steps, s => s.Kind == ResourceKinds.DbInstance && s.Action == PlanAction.Delete);
    }
}
