using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using static Reconciler.Model.Tests.Planning.PlannerDestroyTests;

namespace Reconciler.Model.Tests.Planning;

/// <summary>The environment the controller runs on: nothing of it is deleted, replaced or stopped; the rest goes on.</summary>
public sealed class PlannerSelfHostedTests
{
    private static readonly PlanOptions SelfHosted = new(Prune: true, SelfHosted: true);

    [Fact]
    public void Plan_Should_BlockEveryDeletion_When_DestroyingTheControllersOwnEnvironment()
    {
        var plan = Planner.Plan(PlannerDestroyTests.Graph, Live(), SelfHosted with { Destroy = true });

        Assert.DoesNotContain(plan.Steps, s => s.Action == PlanAction.Delete);
        Assert.False(plan.HasChanges);
        Assert.All(plan.Steps, s => Assert.Contains("controller runs on this environment", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_Should_BlockPruning_When_AnOwnedResourceLeftTheSpec()
    {
        var withoutLogGroup = PlannerDestroyTests.Graph with { Resources = [.. PlannerDestroyTests.Graph.Resources.Where(r => r.Kind != ResourceKinds.LogGroup)] };

        var plan = Planner.Plan(withoutLogGroup, Live(), SelfHosted);
        var unprotected = Planner.Plan(withoutLogGroup, Live(), SelfHosted with { SelfHosted = false });

        var step = Assert.Single(plan.Steps, s => s.Kind == ResourceKinds.LogGroup);
        Assert.Equal(PlanAction.Blocked, step.Action);
        Assert.Contains("never deletes its own resources", step.Reason, StringComparison.Ordinal);
        Assert.Equal(PlanAction.Delete, Assert.Single(unprotected.Steps, s => s.Kind == ResourceKinds.LogGroup).Action);
    }

    [Fact]
    public void Plan_Should_BlockAReplacementAndItsDependents_When_AFieldCannotChangeInPlace()
    {
        var live = Live((r, p) => r.LogicalId == "subnet/public-a" ? p.SetItem("cidr", FieldValue.Of("10.0.99.0/24")) : p);

        var plan = Planner.Plan(PlannerDestroyTests.Graph, live, SelfHosted);

        var subnet = Assert.Single(plan.Steps, s => s.LogicalId == "subnet/public-a");
        Assert.Equal(PlanAction.Blocked, subnet.Action);
        Assert.Contains("never replaces its own resources", subnet.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Steps, s => s.Action is PlanAction.Replace or PlanAction.Delete);
        var dependent = plan.Steps.First(s => s.Action == PlanAction.BlockedByDependency && s.Desired!.DependsOn.Contains("subnet/public-a"));
        Assert.Equal("blocked by subnet/public-a, which needs a human first", dependent.Reason);
        Assert.Contains($", {plan.Count(PlanAction.BlockedByDependency)} blocked by a dependency", plan.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Should_UpdateInPlaceButNotResizeAHost_When_FieldsDrift()
    {
        var live = Live((r, p) => r.Kind == ResourceKinds.LogGroup ? p.SetItem(LogGroupKind.RetentionDays, FieldValue.Of(new LogRetention(7)))
            : r.LogicalId == "instance/ecs-0" ? p.SetItem("instanceType", FieldValue.Of("t3.large"))
            : p);

        var plan = Planner.Plan(PlannerDestroyTests.Graph, live, SelfHosted);

        Assert.Equal(PlanAction.Update, Assert.Single(plan.Steps, s => s.Kind == ResourceKinds.LogGroup).Action);
        var host = Assert.Single(plan.Steps, s => s.LogicalId == "instance/ecs-0");
        Assert.Equal(PlanAction.Blocked, host.Action);
        Assert.Contains("resize it by hand", host.Reason, StringComparison.Ordinal);
    }
}
