using Reconciler.Controller;
using Reconciler.Web;

namespace Reconciler.Tests.Web;

public sealed class EnvironmentPageTests
{
    private static readonly EnvironmentStatus Status = new(WebSamples.Environment, "/specs/web-unit.yaml", "detect", "drifted", DateTimeOffset.UnixEpoch, 0.5, 1, 0, 0, [],
        ["<script>alert(1)</script>"]);

    private static EnvironmentHistory History()
    {
        var history = new DashboardHistory(TimeProvider.System);
        history.Record(WebSamples.Environment, ReconcileResult.Done(TimeSpan.FromMinutes(5)) with { State = "drifted", Plan = WebSamples.DriftedPlan }, TimeSpan.FromMinutes(5));
        return history.Find(WebSamples.Environment)!;
    }

    [Fact]
    public void Render_Should_DrawEveryNodeAndShowTheChosenOnesFieldsWithAConsoleLink_When_ANodeIsChosen()
    {
        var html = EnvironmentPage.Render(Status, History(), "eu-west-1", string.Empty, "security-group/web", canResync: false, notice: null);

        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("data-id=\"vpc/main\" data-state=\"in sync\"", html, StringComparison.Ordinal);
        Assert.Contains("data-id=\"security-group/web\" data-state=\"drifted\"", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"drifted\" data-field=\"ingress\"><td>ingress (drifted)</td><td class=\"desired\">[tcp:443]</td><td class=\"actual\">[tcp:3306, tcp:443]</td>", html, StringComparison.Ordinal);
        Assert.Contains("https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#SecurityGroup:groupId=sg-1", html, StringComparison.Ordinal);
        Assert.Contains("fields differ: ingress", html, StringComparison.Ordinal); // the plan section
    }

    [Fact]
    public void Render_Should_OfferNoResyncAndEncodeWhatItShows_When_NoTokenWasGiven()
    {
        var html = EnvironmentPage.Render(Status, History(), "eu-west-1", string.Empty, node: null, canResync: false, notice: null);
        var withToken = EnvironmentPage.Render(Status, History(), "eu-west-1", string.Empty, node: null, canResync: true, notice: null);

        Assert.DoesNotContain("Resync now", html, StringComparison.Ordinal);
        Assert.Contains("Resync now", withToken, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Should_ShowTheEnvironmentsAccount_When_ItsSpecNamesOne()
    {
        var html = EnvironmentPage.Render(Status with { Account = "111111111111/eu-west-1" }, History(), "eu-west-1", string.Empty, node: null, canResync: false, notice: null);

        Assert.Contains("<dt>Account</dt><dd id=\"account\">111111111111/eu-west-1</dd>", html, StringComparison.Ordinal);
    }
}
