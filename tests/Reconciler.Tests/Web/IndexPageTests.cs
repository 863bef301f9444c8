using Reconciler.Controller;
using Reconciler.Web;

namespace Reconciler.Tests.Web;

public sealed class IndexPageTests
{
    private static EnvironmentStatus Status(string name, string result, int drift) =>
        new(name, $"/specs/{name}.yaml", "enforce", result, DateTimeOffset.UnixEpoch, 0.1, drift, 0, 0, [], []);

    [Fact]
    public void Render_Should_ListOnlyMatchingEnvironmentsInTheChosenOrder_When_FilteredAndSorted()
    {
        var statuses = new[] { Status("alpha", "in sync", 0), Status("beta", "drifted", 3), Status("gamma", "drifted", 7) };

        var html = IndexPage.Render(statuses, new DashboardHistory(TimeProvider.System), string.Empty, "drift", "drift");

        Assert.DoesNotContain("data-environment=\"alpha\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("data-environment=\"gamma\"", StringComparison.Ordinal) < html.IndexOf("data-environment=\"beta\"", StringComparison.Ordinal));
        Assert.Contains("2 of 3 environment(s)", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"drift\" selected>", html, StringComparison.Ordinal);
    }
}
