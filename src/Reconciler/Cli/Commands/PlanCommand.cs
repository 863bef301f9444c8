using System.CommandLine;
using Reconciler.Engine;
using Reconciler.Model.Planning;

namespace Reconciler.Cli;

/// <summary>
/// <c>reconciler plan PATH... [--format text|json|markdown] [--json] [--detailed-exitcode] [--strict]</c>: what apply would
/// change. Exit 1 when a step is blocked or in conflict; with <c>--detailed-exitcode</c>, 2 when there are changes (as
/// Terraform does). <c>--format markdown</c> is for pull-request comments and job summaries (<see cref="PlanMarkdown"/>,
/// samples/ci/); <c>--json</c> is short for <c>--format json</c>. The
/// environments of a region are observed together (<see cref="FleetPlans"/>).
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON (same as --format json)" };
        var format = new Option<string>("--format") { Description = "text (default), json, or markdown (for a pull-request comment or a job summary)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 0 when in sync, 2 when there are changes, 1 on error" };
        var plan = new Command("plan", "Show what apply would change") { cli.Paths, format, json, detailed, cli.Strict };
        plan.SetAction((result, token) => cli.WithEngineAsync(cli.Read(result), async (engine, envs, plans) =>
        {
            var how = result.GetValue(json) ? "json" : result.GetValue(format);
            var models = new List<object>();
            var markdown = new List<(Plan, string)>();
            var changes = false;
            var blocked = false;
            foreach (var env in envs)
            {
                var p = await plans.PlanAsync(env, new PlanOptions(env.Document.Spec.Prune), token).ConfigureAwait(false);
                var read = await AccountLine(engine, env, token).ConfigureAwait(false);
                blocked |= read.Mismatch;
                changes |= p.HasChanges;
                blocked |= p.Steps.Any(s => s.Action is PlanAction.Blocked or PlanAction.Conflict);
                if (how == "json")
                {
                    models.Add(PlanPrinter.Model(p, env.File));
                }
                else if (how == "markdown")
                {
                    markdown.Add((p, env.File));
                }
                else
                {
                    if (read.Line is { } line)
                    {
                        cli.Output.WriteLine(line);
                    }

                    cli.Output.Write(PlanPrinter.Text(p, env.File));
                }
            }

            if (how == "json")
            {
                cli.Output.WriteLine(PlanPrinter.JsonText(models));
            }
            else if (how == "markdown")
            {
                cli.Output.Write(PlanMarkdown.Render(markdown));
            }

            return blocked ? 1 : result.GetValue(detailed) && changes ? 2 : 0;
        }, token));
        return plan;
    }

    /// <summary>
    /// Which account the plan read, for an environment with <c>spec.account</c> (null line without: nothing to say, no
    /// call made); a mismatch is an error, since apply would refuse it.
    /// </summary>
    private static async Task<(string? Line, bool Mismatch)> AccountLine(ReconcileEngine engine, LoadedEnvironment env, CancellationToken ct)
    {
        var target = env.Graph.Target;
        if (engine.Accounts is null || (target.AccountId is null && target.RoleArn is null))
        {
            return (null, false);
        }

        var actual = await engine.Accounts.AccountAsync(target, ct).ConfigureAwait(false);
        var through = target.RoleArn is { } role ? $" through {role}" : " with the caller's credentials";
        var line = $"{env.Document.Name}: read account {actual} ({target.Region}){through}";
        return target.AccountId is { } expected && expected != actual
            ? (line + $"; but spec.account.id is {expected}: apply would change nothing and fail", true)
            : (line, false);
    }
}
