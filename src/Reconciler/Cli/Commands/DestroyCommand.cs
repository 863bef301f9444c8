using System.CommandLine;
using Reconciler.Model.Planning;

namespace Reconciler.Cli;

/// <summary><c>reconciler destroy PATH... --yes</c>: delete what the environments own, in reverse order; without --yes, only the plan and exit 1.</summary>
internal static class DestroyCommand
{
    public static Command Create(CliContext cli)
    {
        var yes = new Option<bool>("--yes") { Description = "Confirm the deletion" };
        var destroy = new Command("destroy", "Delete everything the environments own, in reverse dependency order") { cli.Paths, yes };
        destroy.SetAction((result, token) => cli.WithEngineAsync(cli.Read(result, strict: false), async (engine, envs) =>
        {
            var exit = 0;
            foreach (var env in envs)
            {
                var options = new PlanOptions(Prune: true, Destroy: true);
                if (!result.GetValue(yes))
                {
                    var p = await engine.PlanAsync(env.Graph, options, token).ConfigureAwait(false);
                    cli.Output.Write(PlanPrinter.Text(p, env.File));
                    cli.Errors.WriteLine("nothing deleted: run again with --yes to delete the resources above");
                    exit = 1;
                    continue;
                }

                var applied = await engine.ApplyAsync(env.Graph, options, token).ConfigureAwait(false);
                exit = Math.Max(exit, ApplyCommand.Report(applied, env, cli.Output));
            }

            return exit;
        }, token));
        return destroy;
    }
}
