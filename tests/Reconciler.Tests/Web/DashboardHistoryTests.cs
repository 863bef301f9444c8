using Microsoft.Extensions.Time.Testing;
using Reconciler.Controller;
using Reconciler.Web;

namespace Reconciler.Tests.Web;

public sealed class DashboardHistoryTests
{
    [Fact]
    public void Record_Should_KeepOnlyTheLastPassesAndDriftEventsNewestFirst_When_MoreThanTheBoundAreRecorded()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var history = new DashboardHistory(time, maxPasses: 3, maxDrift: 4);
        var before = history.Version;
        for (var i = 0; i < 5; i++)
        {
            var drift = new[] { new DriftRecord(WebSamples.Environment, "security-group/web", "sg-1", $"field-{i}", "a", "b", "reported"), new DriftRecord(WebSamples.Environment, "vpc/main", "vpc-1", $"other-{i}", "a", "b", "reported") };
            history.Record(WebSamples.Environment, ReconcileResult.Done(TimeSpan.FromMinutes(5)) with { State = "drifted", Drift = drift, Plan = WebSamples.DriftedPlan }, TimeSpan.FromMinutes(5));
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var kept = history.Find(WebSamples.Environment)!;
        Assert.Equal(3, kept.Passes.Count);
        Assert.Equal(time.GetUtcNow() - TimeSpan.FromMinutes(1), kept.Passes[0].At);
        Assert.True(kept.Passes[0].At > kept.Passes[1].At);
        Assert.Equal(["field-4", "other-4", "field-3", "other-3"], kept.Drift.Select(d => d.Record.Field));
        Assert.Equal(kept.Passes[0].At + TimeSpan.FromMinutes(5), kept.NextPassAt);
        Assert.Equal(NodeState.Drifted, kept.Nodes.Single(n => n.LogicalId == "security-group/web").State);
        Assert.Equal(before + 5, history.Version);
    }

    [Fact]
    public void Record_Should_KeepTheLastNodes_When_APassPlansNothing()
    {
        var history = new DashboardHistory(TimeProvider.System);
        history.Record(WebSamples.Environment, ReconcileResult.Done(TimeSpan.FromMinutes(5)) with { State = "drifted", Plan = WebSamples.DriftedPlan }, null);

        history.Record(WebSamples.Environment, ReconcileResult.Failed("DescribeVpcs answered Throttling", terminal: false), null);

        var kept = history.Find(WebSamples.Environment)!;
        Assert.Equal(2, kept.Nodes.Count);
        Assert.Equal("DescribeVpcs answered Throttling", kept.Passes[0].Error);
        Assert.Null(kept.NextPassAt);
    }

    [Fact]
    public void NextPassAt_Should_AnswerAsFind_When_TheIndexAsksWithoutMakingNodes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var history = new DashboardHistory(time);
        history.Record(WebSamples.Environment, ReconcileResult.Done(TimeSpan.FromMinutes(5)) with { State = "drifted", Plan = WebSamples.DriftedPlan }, TimeSpan.FromMinutes(5));

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(5), history.NextPassAt(WebSamples.Environment));
        Assert.Equal(history.Find(WebSamples.Environment)!.NextPassAt, history.NextPassAt(WebSamples.Environment));
        Assert.Null(history.NextPassAt("never-recorded"));
    }

    [Fact]
    public void Find_Should_MakeTheNodesFromTheKeptPlan_When_AskedTwice()
    {
        var history = new DashboardHistory(TimeProvider.System);
        history.Record(WebSamples.Environment, ReconcileResult.Done(TimeSpan.FromMinutes(5)) with { State = "drifted", Plan = WebSamples.DriftedPlan }, null);

        var first = history.Find(WebSamples.Environment)!.Nodes;
        var second = history.Find(WebSamples.Environment)!.Nodes;

        // The same states and fields each time (the views are made on demand from the plan, not kept).
        Assert.Equal(first.Select(n => (n.LogicalId, n.State, n.Fields.Count)), second.Select(n => (n.LogicalId, n.State, n.Fields.Count)));
        Assert.Equal(NodeState.Drifted, first.Single(n => n.LogicalId == "security-group/web").State);
    }
}
