using System.CommandLine;
using Reconciler.Model.Planning;

namespace Reconciler.Cli;

/// <summary>
/// <c>reconciler plan PATH... [--json] [--detailed-exitcode] [--strict]</c>: what apply would change. Exit 1 when a step
/// is blocked or in conflict; with <c>--detailed-exitcode</c>, 2 when there are changes (as Terraform does). The
/// environments of a region are observed together (<see cref="FleetPlans"/>).
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 0 when in sync, 2 when there are changes, 1 on error" };
        var plan = new Command("plan", "Show what apply would change") { cli.Paths, json, detailed, cli.Strict };
        plan.SetAction((result, token) => cli.WithEngineAsync(cli.Read(result), async (_, envs, plans) =>
        {
            var models = new List<object>();
            var changes = false;
            var blocked = false;
            foreach (var env in envs)
            {
                var p = await plans.PlanAsync(env, new PlanOptions(env.Document.Spec.Prune), token).ConfigureAwait(false);
                changes |= p.HasChanges;
                blocked |= p.Steps.Any(s => s.Action is PlanAction.Blocked or PlanAction.Conflict);
                if (result.GetValue(json))
                {
                    models.Add(PlanPrinter.Model(p, env.File));
                }
                else
                {
                    cli.Output.Write(PlanPrinter.Text(p, env.File));
                }
            }

            if (result.GetValue(json))
            {
                cli.Output.WriteLine(PlanPrinter.JsonText(models));
            }

            return blocked ? 1 : result.GetValue(detailed) && changes ? 2 : 0;
        }, token));
        return plan;
    }
}
