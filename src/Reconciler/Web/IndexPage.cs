using System.Text;
using Reconciler.Controller;

namespace Reconciler.Web;

/// <summary>
/// <c>/</c>: the environments, one row each (account and region, mode, source, last result and when, drifted fields, what it waits for, the
/// next pass, the replica holding it), filtered by <c>?q=</c> (name, account, source or result) and sorted by <c>?sort=</c>;
/// both work as a plain GET form and links, so without JavaScript too.
/// </summary>
internal static class IndexPage
{
    public static readonly IReadOnlyList<(string Key, string Title)> Columns =
    [
        ("name", "Environment"), ("account", "Account"), ("mode", "Mode"), ("source", "Source"), ("result", "Last result"), ("last", "When"),
        ("drift", "Drifted fields"), ("waiting", "Waiting for"), ("next", "Next pass"), ("replica", "Replica"),
    ];

    public static string Render(IReadOnlyList<EnvironmentStatus> statuses, DashboardHistory history, string pathBase, string? query, string? sort)
    {
        var key = Columns.Any(c => c.Key == sort) ? sort! : "name";
        var rows = statuses
            .Where(s => string.IsNullOrWhiteSpace(query) || Matches(s, query.Trim()))
            .Select(s => (Status: s, Next: history.NextPassAt(s.Environment)))
            .ToList();
        rows = key switch
        {
            "account" => [.. rows.OrderBy(r => r.Status.Account, StringComparer.Ordinal).ThenBy(r => r.Status.Environment, StringComparer.Ordinal)],
            "mode" => [.. rows.OrderBy(r => r.Status.Mode, StringComparer.Ordinal).ThenBy(r => r.Status.Environment, StringComparer.Ordinal)],
            "source" => [.. rows.OrderBy(r => r.Status.Location, StringComparer.Ordinal)],
            "result" => [.. rows.OrderBy(r => r.Status.Result, StringComparer.Ordinal).ThenBy(r => r.Status.Environment, StringComparer.Ordinal)],
            "last" => [.. rows.OrderByDescending(r => r.Status.LastPass)],
            "drift" => [.. rows.OrderByDescending(r => r.Status.DriftCount).ThenBy(r => r.Status.Environment, StringComparer.Ordinal)],
            "waiting" => [.. rows.OrderByDescending(r => r.Status.WaitingFor.Count).ThenBy(r => r.Status.Environment, StringComparer.Ordinal)],
            "next" => [.. rows.OrderBy(r => r.Next ?? DateTimeOffset.MaxValue)],
            "replica" => [.. rows.OrderBy(r => r.Status.Replica, StringComparer.Ordinal).ThenBy(r => r.Status.Environment, StringComparer.Ordinal)],
            _ => [.. rows.OrderBy(r => r.Status.Environment, StringComparer.Ordinal)],
        };

        var q = Uri.EscapeDataString(query ?? string.Empty);
        var body = new StringBuilder();
        body.Append("<h1>Environments</h1>");
        body.Append($"""
            <form method="get" action="{Html.E(pathBase)}/" id="filter">
            <label>Filter <input type="search" name="q" value="{Html.E(query)}" placeholder="name, account, source or result"></label>
            <label>Sort by <select name="sort">{string.Concat(Columns.Select(c => $"<option value=\"{c.Key}\"{(c.Key == key ? " selected" : string.Empty)}>{c.Title}</option>"))}</select></label>
            <button type="submit">Apply</button>
            </form>
            """);
        body.Append("<div id=\"live\">");
        body.Append($"<p class=\"muted\">{rows.Count} of {statuses.Count} environment(s)</p>");
        body.Append("<table id=\"environments\"><thead><tr>");
        foreach (var (column, title) in Columns)
        {
            body.Append($"<th><a href=\"{Html.E(pathBase)}/?q={Html.E(q)}&amp;sort={column}\">{title}{(column == key ? " ▾" : string.Empty)}</a></th>");
        }

        body.Append("</tr></thead><tbody>");
        foreach (var (s, next) in rows)
        {
            var css = "result-" + s.Result.Replace(' ', '-');
            body.Append($"<tr data-environment=\"{Html.E(s.Environment)}\">");
            body.Append($"<td><a href=\"{Html.E(pathBase)}/environments/{Uri.EscapeDataString(s.Environment)}\">{Html.E(s.Environment)}</a></td>");
            body.Append($"<td class=\"account\">{Html.E(s.Account ?? "-")}</td><td>{Html.E(s.Mode)}</td><td>{Html.E(s.Location)}</td>");
            body.Append($"<td class=\"result {Html.E(css)}\">{Html.E(s.Result)}</td><td>{Html.Time(s.LastPass)}</td>");
            body.Append($"<td>{s.DriftCount}</td><td>{Html.E(string.Join("; ", s.WaitingFor))}{Problems(s)}</td>");
            body.Append($"<td>{Html.Time(next)}</td><td>{Html.E(s.Replica ?? "this one")}</td></tr>");
        }

        body.Append("</tbody></table></div>");
        return body.ToString();
    }

    private static bool Matches(EnvironmentStatus s, string query) =>
        s.Environment.Contains(query, StringComparison.OrdinalIgnoreCase) || s.Location.Contains(query, StringComparison.OrdinalIgnoreCase) ||
        (s.Account?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false) || s.Result.Contains(query, StringComparison.OrdinalIgnoreCase);

    private static string Problems(EnvironmentStatus s) =>
        s.Problems.Count == 0 ? string.Empty : $"<div class=\"problem\">{Html.E(string.Join("; ", s.Problems))}</div>";
}
