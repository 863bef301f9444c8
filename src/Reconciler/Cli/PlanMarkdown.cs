using System.Net;
using System.Text;
using Reconciler.Model.Planning;

namespace Reconciler.Cli;

/// <summary>
/// A plan as GitHub-flavoured Markdown, for a pull-request comment or a job summary (<c>plan --format markdown</c>): a
/// table of every environment's counts, then one collapsed <c>&lt;details&gt;</c> section per environment whose summary
/// line says what it changes, and inside it the steps that put data at risk first, then the problems (conflicts,
/// blocked steps), then the changes, most destructive first. Steps in sync are counted, not listed.
/// </summary>
internal static class PlanMarkdown
{
    /// <summary>A marker the CI sample looks for to update its one comment instead of adding one per push.</summary>
    public const string Marker = "<!-- reconciler-plan -->";

    public static string Render(IReadOnlyList<(Plan Plan, string File)> plans)
    {
        var text = new StringBuilder();
        text.AppendLine(Marker);
        var risky = plans.Sum(p => p.Plan.Steps.Count(s => s.DataAtRisk));
        var changed = plans.Count(p => p.Plan.HasChanges);
        text.AppendLine($"### Reconciler plan: {Count(changed, "environment")} with changes of {plans.Count}{(risky > 0 ? $", :warning: {Count(risky, "step")} with data at risk" : string.Empty)}");
        text.AppendLine();
        text.AppendLine("| Environment | File | Create | Update | Replace | Delete | In sync | Problems | Data at risk |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (plan, file) in plans)
        {
            var p = plan;
            text.AppendLine($"| {Cell(p.Environment)} | {Code(file).Replace("|", "\\|", StringComparison.Ordinal)} | {p.Count(PlanAction.Create)} | {p.Count(PlanAction.Update)} | {p.Count(PlanAction.Replace)} | " +
                $"{p.Count(PlanAction.Delete)} | {p.Count(PlanAction.NoOp)} | {Problems(p).Count()} | {(p.Steps.Count(s => s.DataAtRisk) is var n and > 0 ? $":warning: {n}" : "0")} |");
        }

        foreach (var (plan, file) in plans)
        {
            text.AppendLine();
            EnvironmentSection(text, plan, file);
        }

        return text.ToString();
    }

    private static void EnvironmentSection(StringBuilder text, Plan plan, string file)
    {
        var risky = plan.Steps.Where(s => s.DataAtRisk).ToList();
        var warning = risky.Count > 0 ? $" :warning: {Count(risky.Count, "step")} with data at risk" : string.Empty;
        // Collapsed (no "open"): a fleet's comment stays one screen; the summary line says whether to look inside.
        text.AppendLine("<details>");
        text.AppendLine($"<summary><strong>{Html(plan.Environment)}</strong> ({Html(file)}): {Html(plan.Summary)}{warning}</summary>");
        text.AppendLine(); // GitHub renders Markdown inside <details> only after a blank line
        if (!plan.HasChanges && !Problems(plan).Any())
        {
            text.AppendLine("In sync: nothing to change.");
        }

        Section(text, ":warning: Data at risk", risky);
        Section(text, "Problems", Problems(plan).Where(s => !s.DataAtRisk));
        Section(text, "Changes", plan.Changes.Where(s => !s.DataAtRisk).OrderBy(s => Order(s.Action)));
        var kept = plan.Steps.Where(s => s.Action == PlanAction.Orphan).ToList();
        Section(text, "Left in place", kept);
        var unsupported = plan.Steps.Where(s => s.Action == PlanAction.Unsupported).Select(s => s.Kind.Name).Distinct().ToList();
        if (unsupported.Count > 0)
        {
            text.AppendLine($"Not managed by this build yet (left alone): {string.Join(", ", unsupported.Select(Code))}");
            text.AppendLine();
        }

        text.AppendLine("</details>");
    }

    private static IEnumerable<PlanStep> Problems(Plan plan) =>
        plan.Steps.Where(s => s.Action is PlanAction.Conflict or PlanAction.Blocked or PlanAction.BlockedByDependency);

    /// <summary>Most destructive first: replace, delete, update, create.</summary>
    private static int Order(PlanAction action) => action switch
    {
        PlanAction.Replace => 0,
        PlanAction.Delete => 1,
        PlanAction.Update => 2,
        _ => 3,
    };

    private static void Section(StringBuilder text, string title, IEnumerable<PlanStep> steps)
    {
        var list = steps.ToList();
        if (list.Count == 0)
        {
            return;
        }

        text.AppendLine($"**{title}**");
        text.AppendLine();
        foreach (var step in list)
        {
            var id = step.AwsId is null ? string.Empty : $" ({Code(step.AwsId)})";
            text.AppendLine($"- **{Verb(step.Action)}** {Code(step.LogicalId)}{id}: {Cell(step.Reason)}");
            if (step.Action == PlanAction.Create && step.Desired is not null)
            {
                foreach (var (field, value) in step.Desired.Properties)
                {
                    text.AppendLine($"  - {Code(field)}: {Code(value.Display)}");
                }
            }

            foreach (var change in step.Changes)
            {
                var forces = change.ForcesReplacement ? " **(forces replacement)**" : string.Empty;
                if (change.Added is not null || change.Removed is not null)
                {
                    text.AppendLine($"  - {Code(change.Path)}{forces}: " +
                        string.Join(", ", (change.Added ?? []).Select(a => "+ " + Code(a)).Concat((change.Removed ?? []).Select(r => "- " + Code(r)))));
                }
                else
                {
                    text.AppendLine($"  - {Code(change.Path)}: {Code(change.Actual ?? "(none)")} → {Code(change.Desired ?? "(none)")}{forces}");
                }
            }
        }

        text.AppendLine();
    }

    private static string Verb(PlanAction action) => action switch
    {
        PlanAction.BlockedByDependency => "blocked by dependency",
        PlanAction.Orphan => "orphaned",
        _ => action.ToString().ToLowerInvariant(),
    };

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? string.Empty : "s")}";

    /// <summary>An inline code span that holds any text: a fence longer than any run of backticks in it.</summary>
    private static string Code(string value)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in value)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = value.StartsWith('`') || value.EndsWith('`') ? " " : string.Empty;
        return $"{fence}{pad}{value.Replace('\n', ' ')}{pad}{fence}";
    }

    /// <summary>Free text in a table cell or list item: no line breaks, no table pipes, no HTML.</summary>
    private static string Cell(string value) => Html(value).Replace('\n', ' ').Replace("|", "\\|", StringComparison.Ordinal);

    private static string Html(string value) => WebUtility.HtmlEncode(value);
}
