using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Web;

namespace Reconciler.Tests.Web;

public sealed class NodeStatesTests
{
    [Fact]
    public void Of_Should_MarkTheNodeDriftedWithDesiredAgainstActual_When_NothingWasApplied()
    {
        var nodes = NodeStates.Of(WebSamples.DriftedPlan, applied: null);

        var vpc = nodes.Single(n => n.LogicalId == "vpc/main");
        var group = nodes.Single(n => n.LogicalId == "security-group/web");
        Assert.Equal(NodeState.InSync, vpc.State);
        Assert.Equal(NodeState.Drifted, group.State);
        Assert.Equal("sg-1", group.AwsId);
        Assert.Contains("vpc/main", group.DependsOn);
        var ingress = Assert.Single(group.Fields, f => f.Drifted);
        Assert.Equal(("ingress", "[tcp:443]", "[tcp:3306, tcp:443]"), (ingress.Path, ingress.Desired, ingress.Actual));
        Assert.Contains(group.Fields, f => f is { Path: "vpc", Desired: "${vpc/main}", Actual: "vpc-1", Drifted: false });
    }

    [Theory]
    [InlineData("Waiting", false, "Waiting")]
    [InlineData("Failed", true, "Failed")]
    [InlineData("Skipped", true, "Failed")]
    [InlineData("Skipped", false, "Waiting")]
    [InlineData("Succeeded", false, "Changing")]
    public void Of_Should_FollowTheStepsLastOutcome_When_TheApplyLeftTheChangeInThePlan(string stepOutcome, bool terminal, string state)
    {
        var outcome = Enum.Parse<StepOutcome>(stepOutcome);
        var expected = Enum.Parse<NodeState>(state);
        var applied = new ApplyResult(WebSamples.Environment, [new StepResult(WebSamples.DriftedGroup, outcome, "sg-1", "AccessDenied: no") { Terminal = terminal }], WebSamples.DriftedPlan, 1);

        var group = NodeStates.Of(WebSamples.DriftedPlan, applied).Single(n => n.LogicalId == "security-group/web");

        Assert.Equal(expected, group.State);
        if (expected is NodeState.Failed or NodeState.Waiting)
        {
            Assert.Equal("AccessDenied: no", group.Detail);
        }
    }

    [Fact]
    public void Of_Should_MarkTheNodeOrphaned_When_ThePlanReportsAnOrphan()
    {
        var orphan = WebSamples.DriftedGroup with { Action = PlanAction.Orphan, Desired = null, Changes = [], Reason = "not in the spec; prune is off" };

        var node = Assert.Single(NodeStates.Of(new Plan(WebSamples.Environment, [orphan]), applied: null));

        Assert.Equal(NodeState.Orphaned, node.State);
        Assert.Equal("not in the spec; prune is off", node.Detail);
        Assert.Empty(node.DependsOn);
        Assert.Contains(node.Fields, f => f is { Path: "ingress", Desired: null, Actual: "[tcp:3306, tcp:443]" });
    }

    [Fact]
    public void Of_Should_MarkTheNodeWaiting_When_ThePassReportsItWaitsForARollout()
    {
        var nodes = NodeStates.Of(WebSamples.DriftedPlan, applied: null, waiting: ["vpc/main: rollout to task-definition:2 in progress", "vpc/mainly: other"]);

        var vpc = nodes.Single(n => n.LogicalId == "vpc/main");
        Assert.Equal((NodeState.Waiting, "rollout to task-definition:2 in progress"), (vpc.State, vpc.Detail));
        Assert.Equal(NodeState.Drifted, nodes.Single(n => n.LogicalId == "security-group/web").State);
    }

    [Fact]
    public void Of_Should_MarkTheNodeWaiting_When_ItIsInSyncButNotReady()
    {
        var creating = WebSamples.Vpc with { Observed = WebSamples.Vpc.Observed! with { Readiness = Readiness.NotReady("still creating", TimeSpan.FromSeconds(30)) } };

        var node = Assert.Single(NodeStates.Of(new Plan(WebSamples.Environment, [creating]), applied: null));

        Assert.Equal((NodeState.Waiting, "still creating"), (node.State, node.Detail));
        Assert.Equal(ResourceKinds.Vpc.Name, node.Kind);
    }
}
