using System.CommandLine;
using Reconciler.Aws.Accounts;
using Reconciler.Engine;
using Reconciler.Model.Planning;
using Reconciler.Model.Spec;

namespace Reconciler.Cli;

/// <summary>
/// <c>reconciler apply PATH... [--strict]</c>: converge AWS to the specs; exit 0 only when every environment converged.
/// The environments of a region are observed together (<see cref="FleetPlans"/>) and converge in parallel (<see cref="FleetRun"/>).
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(CliContext cli)
    {
        var apply = new Command("apply", "Converge AWS to the specs") { cli.Paths, cli.Strict };
        apply.SetAction((result, token) => cli.WithEngineAsync(cli.Read(result), async (engine, envs, plans) =>
        {
            // One observation of each region's environments; each environment that has changes is read again and
            // converged, several at once under the run's one API budget (FleetRun).
            await plans.ObserveAsync(token).ConfigureAwait(false);
            return await FleetRun.EachAsync(envs, (env, ct) => plans.PlanAsync(env, new PlanOptions(env.Document.Spec.Prune), ct), async (env, plan, output, errors, ct) =>
            {
                var options = new PlanOptions(env.Document.Spec.Prune);
                if (env.Document.Spec.Mode != EnvironmentMode.Enforce)
                {
                    return ReportUnapplied(plan ?? await engine.PlanAsync(env.Graph, options, ct).ConfigureAwait(false), env, output, errors);
                }

                ApplyResult applied;
                try
                {
                    applied = await engine.ApplyAsync(env.Graph, options, ct, initial: plan).ConfigureAwait(false);
                }
                catch (AccountMismatchException ex)
                {
                    // The account guard refused this one before any change; the other environments go on.
                    errors.WriteLine($"{env.File}: error: {ex.Message}; nothing was changed");
                    return 1;
                }

                return Report(applied, env, output);
            }, cli.Output, cli.Errors, token).ConfigureAwait(false);
        }, token));
        return apply;
    }

    /// <summary>What an apply (or destroy) did and left: failed, waiting and blocked steps, then one summary line; 0 when converged.</summary>
    public static int Report(ApplyResult applied, LoadedEnvironment env, TextWriter output)
    {
        foreach (var failed in applied.Failed)
        {
            output.WriteLine($"  failed {failed.Step.LogicalId}: {failed.Message}");
        }

        foreach (var waiting in applied.Waiting)
        {
            output.WriteLine($"  waiting {waiting.Step.LogicalId}: {waiting.Message}");
        }

        foreach (var step in applied.FinalPlan.Steps.Where(s => s.Action is PlanAction.Blocked or PlanAction.Conflict or PlanAction.Orphan))
        {
            output.WriteLine($"  {step.Action.ToString().ToLowerInvariant()} {step.LogicalId}: {step.Reason}");
        }

        var done = applied.Steps.Count(s => s.Outcome == StepOutcome.Succeeded);
        output.WriteLine(applied.Converged
            ? $"{env.Document.Name}: converged ({done} change(s) in {applied.Passes} pass(es)); {applied.FinalPlan.Summary}."
            : $"{env.Document.Name}: NOT converged after {applied.Passes} pass(es); {applied.FinalPlan.Summary}.");
        return applied.Converged ? 0 : 1;
    }

    /// <summary>
    /// <c>apply</c> of an environment in detect or suspend mode: it changes nothing (the mode is the owner's word), but its
    /// exit code still says whether AWS matches the spec, since a pipeline reads 0 as "converged": 0 only when the plan
    /// has nothing left (orphans kept by <c>prune: false</c> aside, as for enforce), else the plan and 1. Suspend is
    /// treated as detect here: reading is harmless, and a suspended environment that drifted is not converged either.
    /// </summary>
    private static int ReportUnapplied(Plan p, LoadedEnvironment env, TextWriter output, TextWriter errors)
    {
        var mode = env.Document.Spec.Mode.ToString().ToLowerInvariant();
        var left = p.Steps.Count(s => s.IsChange || s.Action is PlanAction.Blocked or PlanAction.Conflict or PlanAction.BlockedByDependency);
        if (left == 0)
        {
            output.WriteLine($"{env.Document.Name}: in sync ({mode} mode: apply changes nothing); {p.Summary}.");
            return 0;
        }

        output.Write(PlanPrinter.Text(p, env.File));
        errors.WriteLine($"{env.File}: environment {env.Document.Name} is in {mode} mode: apply changed nothing, and {left} step(s) above are not done (set mode: enforce to apply them)");
        return 1;
    }
}
