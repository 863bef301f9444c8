using Reconciler.Model.Graph;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Kinds.TargetGroups;

/// <summary>
/// <c>healthCheck.timeoutSeconds</c>, the field added to show what adding a field takes: the kind's two folders, the
/// schema and docs/kinds.md (generated). AWS's default stands when the spec gives none, and ELBv2's rule (the interval
/// must be longer than the timeout) is checked before any call.
/// </summary>
public sealed class TargetGroupTimeoutTests
{
    private const string TargetGroup = "- { name: app, port: 80 }";

    private static string TimeoutOf(string yaml)
    {
        var loaded = Load(yaml);
        Assert.Empty(loaded.Errors);
        return GraphBuilder.Build(loaded.Document!).Graph!.Find("target-group/app")!.Get(TargetGroupKind.HealthCheckTimeoutSeconds) ?? string.Empty;
    }

    [Theory]
    [InlineData(TargetGroup, "6")]
    [InlineData("- { name: app, port: 80, protocol: HTTPS }", "10")]
    [InlineData("- { name: app, port: 80, healthCheck: { timeoutSeconds: 4 } }", "4")]
    public void Add_Should_WriteTheTimeout_When_TheSpecGivesOneOrLeavesAwsDefault(string targetGroup, string timeout) =>
        Assert.Equal(timeout, TimeoutOf(Mutate(TargetGroup, targetGroup)));

    [Fact]
    public void Validate_Should_RejectTheTimeout_When_ItIsNotShorterThanTheInterval()
    {
        var yaml = Mutate(TargetGroup, "- { name: app, port: 80, healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } }");

        AssertError(Load(yaml), "spec.loadBalancers[0].targetGroups[0].healthCheck.timeoutSeconds", PositionOf(yaml, "10 }"),
            "the health check timeout (10 s) must be shorter than the interval (10 s)");
    }

    [Fact]
    public void Validate_Should_RejectTheInterval_When_AwsDefaultTimeoutIsNotShorter()
    {
        var yaml = Mutate(TargetGroup, "- { name: app, port: 80, healthCheck: { intervalSeconds: 5 } }");

        AssertError(Load(yaml), "spec.loadBalancers[0].targetGroups[0].healthCheck.intervalSeconds", PositionOf(yaml, "5 }"),
            "the health check timeout (6 s, AWS's default for HTTP) must be shorter than the interval (5 s)");
    }

    [Fact]
    public void Bind_Should_RefuseTheTimeout_When_ItIsOutsideAwsRange()
    {
        var yaml = Mutate(TargetGroup, "- { name: app, port: 80, healthCheck: { timeoutSeconds: 1 } }");

        Assert.Contains(Load(yaml).Errors, d => d.Path == "spec.loadBalancers[0].targetGroups[0].healthCheck.timeoutSeconds");
    }
}
