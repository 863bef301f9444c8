using System.CommandLine;
using Reconciler.Model.Planning;

namespace Reconciler.Cli;

/// <summary>
/// <c>reconciler destroy PATH... --yes</c>: delete what the environments own, in reverse order; without --yes, only the plan and exit 1.
/// Observed together per region and run in parallel, as <c>apply</c>.
/// </summary>
internal static class DestroyCommand
{
    public static Command Create(CliContext cli)
    {
        var yes = new Option<bool>("--yes") { Description = "Confirm the deletion" };
        var destroy = new Command("destroy", "Delete everything the environments own, in reverse dependency order") { cli.Paths, yes };
        destroy.SetAction((result, token) => cli.WithEngineAsync(cli.Read(result, strict: false), async (engine, envs, plans) =>
        {
            var options = new PlanOptions(Prune: true, Destroy: true);
            await plans.ObserveAsync(token).ConfigureAwait(false);
            if (!result.GetValue(yes))
            {
                foreach (var env in envs)
                {
                    var p = await plans.PlanAsync(env, options, token).ConfigureAwait(false);
                    cli.Output.Write(PlanPrinter.Text(p, env.File));
                }

                cli.Errors.WriteLine("nothing deleted: run again with --yes to delete the resources above");
                return 1;
            }

            return await FleetRun.EachAsync(envs, (env, ct) => plans.PlanAsync(env, options, ct), async (env, plan, output, _, ct) =>
            {
                var applied = await engine.ApplyAsync(env.Graph, options, ct, initial: plan).ConfigureAwait(false);
                return ApplyCommand.Report(applied, env, output);
            }, cli.Output, cli.Errors, token).ConfigureAwait(false);
        }, token));
        return destroy;
    }
}
