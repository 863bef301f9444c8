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

    [Fact]
    public void Render_Should_ShowAndFilterByEachEnvironmentsAccount_When_EnvironmentsLiveInSeveralAccounts()
    {
        var statuses = new[]
        {
            Status("stage", "in sync", 0) with { Account = "111111111111/eu-west-1" },
            Status("prod", "in sync", 0) with { Account = "222222222222/eu-west-1" },
            Status("dev", "in sync", 0),
        };

        var all = IndexPage.Render(statuses, new DashboardHistory(TimeProvider.System), string.Empty, null, "account");
        var prod = IndexPage.Render(statuses, new DashboardHistory(TimeProvider.System), string.Empty, "222222222222", null);

        Assert.Contains("<td class=\"account\">111111111111/eu-west-1</td>", all, StringComparison.Ordinal);
        Assert.Contains("<td class=\"account\">-</td>", all, StringComparison.Ordinal); // no spec.account, no status yet
        Assert.True(all.IndexOf("data-environment=\"stage\"", StringComparison.Ordinal) < all.IndexOf("data-environment=\"prod\"", StringComparison.Ordinal));
        Assert.Contains("data-environment=\"prod\"", prod, StringComparison.Ordinal);
        Assert.DoesNotContain("data-environment=\"stage\"", prod, StringComparison.Ordinal);
        Assert.Contains("1 of 3 environment(s)", prod, StringComparison.Ordinal);
    }
}
