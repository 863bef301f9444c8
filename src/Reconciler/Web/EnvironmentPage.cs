using System.Text;
using Reconciler.Controller;
using Reconciler.Model.Planning;

namespace Reconciler.Web;

/// <summary>
/// <c>/environments/{name}</c>: the environment's status, its resource graph (<see cref="GraphSvg"/>) with a table of
/// the same resources and their console links, the fields of the node chosen with <c>?node=</c> (desired against
/// actual where they differ), the last drift events and passes, and the plan the spec in force makes against the last
/// observation. "Resync now" is offered only when a UI token was given at start.
/// </summary>
internal static class EnvironmentPage
{
    public static string Render(EnvironmentStatus status, EnvironmentHistory? history, string region, string pathBase, string? node, bool canResync, string? notice)
    {
        var env = status.Environment;
        var self = $"{pathBase}/environments/{Uri.EscapeDataString(env)}";
        var nodes = history?.Nodes ?? [];
        var body = new StringBuilder();
        body.Append($"<h1>{Html.E(env)}</h1>");
        if (notice is not null)
        {
            body.Append($"<p id=\"notice\">{Html.E(notice)}</p>");
        }

        if (canResync)
        {
            // A form, not a script: the token goes in the POST body (or an Authorization: Bearer header from a script).
            body.Append($"""
                <form method="post" action="{Html.E(self)}/resync" class="inline" id="resync">
                <label>UI token <input type="password" name="token" autocomplete="current-password" required></label>
                <button type="submit">Resync now</button>
                </form>
                """);
        }

        body.Append("<div id=\"live\">");
        body.Append($"""
            <dl class="summary" id="summary">
            <dt>Result</dt><dd class="result result-{Html.E(status.Result.Replace(' ', '-'))}" id="result">{Html.E(status.Result)}</dd>
            <dt>Mode</dt><dd>{Html.E(status.Mode)}</dd><dt>Source</dt><dd>{Html.E(status.Location)}</dd><dt>Region</dt><dd>{Html.E(region)}</dd>
            <dt>Account</dt><dd id="account">{Html.E(status.Account ?? "-")}</dd>
            <dt>Last pass</dt><dd>{Html.Time(status.LastPass)} ({status.LastDurationSeconds:0.###} s)</dd>
            <dt>Drifted fields</dt><dd>{status.DriftCount} ({status.Repaired} repaired, {status.Failed} failed)</dd>
            <dt>Waiting for</dt><dd>{Html.E(status.WaitingFor.Count == 0 ? "nothing" : string.Join("; ", status.WaitingFor))}</dd>
            <dt>Next pass</dt><dd>{Html.Time(history?.NextPassAt)}</dd><dt>Replica</dt><dd>{Html.E(status.Replica ?? "this one")}</dd>
            {(status.Problems.Count == 0 ? string.Empty : $"<dt>Problems</dt><dd class=\"problem\">{Html.E(string.Join("; ", status.Problems))}</dd>")}
            </dl>
            """);

        body.Append($"<section><h2>Resources ({nodes.Count})</h2><p class=\"legend\">");
        foreach (var state in Enum.GetValues<NodeState>())
        {
            var (stroke, fill) = NodeStyle.Colours(state);
            body.Append($"<span style=\"border-color:{stroke};background:{fill}\">{NodeStyle.Label(state)}</span>");
        }

        body.Append($"</p><p class=\"muted\">As observed at {Html.Time(history?.ObservedAt)}; click a resource for its fields.</p>");
        body.Append("<div class=\"graph\">").Append(GraphSvg.Render(env, nodes, id => $"{self}?node={Uri.EscapeDataString(id)}#node", node)).Append("</div>");
        if (nodes.FirstOrDefault(n => n.LogicalId == node) is { } chosen)
        {
            Node(body, chosen, region);
        }

        body.Append("<table id=\"resources\"><thead><tr><th>Resource</th><th>State</th><th>AWS id</th><th>Why</th></tr></thead><tbody>");
        foreach (var n in nodes.OrderBy(n => n.Rank).ThenBy(n => n.LogicalId, StringComparer.Ordinal))
        {
            body.Append($"<tr data-id=\"{Html.E(n.LogicalId)}\" data-state=\"{NodeStyle.Label(n.State)}\"><td><a href=\"{Html.E(self)}?node={Uri.EscapeDataString(n.LogicalId)}#node\">{Html.E(n.LogicalId)}</a></td>");
            body.Append($"<td>{NodeStyle.Label(n.State)}</td><td>{AwsId(n, region)}</td><td>{Html.E(n.Detail)}</td></tr>");
        }

        body.Append("</tbody></table></section>");
        Drift(body, history?.Drift ?? []);
        Passes(body, history?.Passes ?? []);
        PlanSection(body, history?.Plan);
        body.Append("</div>");
        return body.ToString();
    }

    private static string AwsId(NodeView node, string region) => ConsoleLinks.For(node.Kind, node.AwsId, region) is { } link
        ? $"<a href=\"{Html.E(link)}\" rel=\"noreferrer\" target=\"_blank\" class=\"console\">{Html.E(node.AwsId)}</a>"
        : Html.E(node.AwsId ?? "—");

    private static void Node(StringBuilder body, NodeView node, string region)
    {
        body.Append($"""
            <section id="node" data-id="{Html.E(node.LogicalId)}" data-state="{NodeStyle.Label(node.State)}">
            <h2>{Html.E(node.LogicalId)}: {NodeStyle.Label(node.State)}</h2>
            <dl class="summary"><dt>Kind</dt><dd>{Html.E(node.Kind)}</dd><dt>AWS id</dt><dd>{AwsId(node, region)}</dd>
            <dt>Why</dt><dd>{Html.E(node.Detail ?? "—")}</dd><dt>Depends on</dt><dd>{Html.E(node.DependsOn.Count == 0 ? "nothing" : string.Join(", ", node.DependsOn))}</dd></dl>
            <table id="fields"><thead><tr><th>Field</th><th>Desired (spec)</th><th>Actual (AWS)</th></tr></thead><tbody>
            """);
        foreach (var field in node.Fields)
        {
            body.Append($"<tr{(field.Drifted ? " class=\"drifted\"" : string.Empty)} data-field=\"{Html.E(field.Path)}\"><td>{Html.E(field.Path)}{(field.Drifted ? " (drifted)" : string.Empty)}</td>");
            body.Append($"<td class=\"desired\">{Html.E(field.Desired ?? "(none)")}</td><td class=\"actual\">{Html.E(field.Actual ?? "(none)")}</td></tr>");
        }

        body.Append("</tbody></table></section>");
    }

    private static void Drift(StringBuilder body, IReadOnlyList<DriftEvent> drift)
    {
        body.Append($"<section><h2>Last drift events ({drift.Count})</h2><table id=\"drift\"><thead><tr><th>When</th><th>Resource</th><th>Field</th><th>Desired</th><th>Actual</th><th>Action</th></tr></thead><tbody>");
        foreach (var (at, r) in drift)
        {
            body.Append($"<tr><td>{Html.Time(at)}</td><td>{Html.E(r.LogicalId)}</td><td>{Html.E(r.Field)}</td><td>{Html.E(r.Desired)}</td><td>{Html.E(r.Actual)}</td><td>{Html.E(r.Action)}</td></tr>");
        }

        body.Append("</tbody></table></section>");
    }

    private static void Passes(StringBuilder body, IReadOnlyList<PassEntry> passes)
    {
        body.Append($"<section><h2>Last passes ({passes.Count})</h2><table id=\"passes\"><thead><tr><th>When</th><th>Result</th><th>Duration</th><th>Drifted</th><th>Repaired</th><th>Failed</th><th>Error</th></tr></thead><tbody>");
        foreach (var p in passes)
        {
            body.Append($"<tr><td>{Html.Time(p.At)}</td><td>{Html.E(p.Result)}</td><td>{p.DurationSeconds:0.###} s</td><td>{p.DriftCount}</td><td>{p.Repaired}</td><td>{p.Failed}</td><td>{Html.E(p.Error)}</td></tr>");
        }

        body.Append("</tbody></table></section>");
    }

    private static void PlanSection(StringBuilder body, Plan? plan)
    {
        body.Append("<section id=\"plan\"><h2>Plan of the spec in force</h2>");
        if (plan is null)
        {
            body.Append("<p>No pass has planned yet.</p></section>");
            return;
        }

        body.Append($"<p>Against the last observation: {Html.E(plan.Summary)}.</p>");
        var steps = plan.Steps.Where(s => s.Action is not (PlanAction.NoOp or PlanAction.Unsupported)).OrderByDescending(s => s.DataAtRisk).ToList();
        if (steps.Count > 0)
        {
            body.Append("<table><thead><tr><th>Action</th><th>Resource</th><th>AWS id</th><th>Why</th><th>Changes (actual → desired)</th></tr></thead><tbody>");
            foreach (var step in steps)
            {
                var changes = string.Join("<br>", step.Changes.Select(c => Html.E($"{c.Path}: {c.Actual ?? "(none)"} → {c.Desired ?? "(none)"}{(c.ForcesReplacement ? " (forces replacement)" : string.Empty)}")));
                body.Append($"<tr><td>{Html.E(step.Action.ToString().ToLowerInvariant())}{(step.DataAtRisk ? " <strong>data at risk</strong>" : string.Empty)}</td><td>{Html.E(step.LogicalId)}</td><td>{Html.E(step.AwsId ?? "—")}</td><td>{Html.E(step.Reason)}</td><td>{changes}</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        body.Append("</section>");
    }
}
