using System.Runtime.ExceptionServices;
using Reconciler.Model.Planning;

namespace Reconciler.Cli;

/// <summary>
/// Converges the environments of a folder in parallel (<c>apply</c>, <c>destroy</c>), at most <see cref="MaxParallel"/>
/// at once: their AWS calls all go through the one API budget of the run's <c>AwsComposition</c> (AWS's published
/// rates, per region, shared by every environment), so more environments at once never ask AWS for more than that.
/// <para>
/// First every environment is planned (<see cref="FleetPlans"/>: one shared observation, a confirmation read where a
/// plan shows changes). An environment whose plan creates or replaces a resource that environments share (a hosted
/// zone, an IAM role, an instance profile: found by name, made by the first that needs it) goes alone, one after the
/// other in file order, each after the first planning afresh: run at once, two would both create it (Route53 makes two
/// zones of one name, each with its own caller reference). So does a second file of the same environment. Then all
/// the others at once. What each environment prints is held and written in file order as soon as it and those before
/// it are done. The first error (an AWS error, a bug) cancels the rest and is thrown once they have stopped.
/// </para>
/// </summary>
internal static class FleetRun
{
    /// <summary>Environments converging at once: the bench's figure; the API budget, not this, bounds the calls.</summary>
    public const int MaxParallel = 8;

    /// <param name="plan">The plan of one environment, before anything is applied.</param>
    /// <param name="body">Converges one environment from its plan (null: plan afresh), writing what it did; its exit code.</param>
    public static async Task<int> EachAsync(IReadOnlyList<LoadedEnvironment> envs, Func<LoadedEnvironment, CancellationToken, Task<Plan>> plan,
        Func<LoadedEnvironment, Plan?, TextWriter, TextWriter, CancellationToken, Task<int>> body, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var slots = new SemaphoreSlim(MaxParallel);
        var results = envs.Select(_ => new TaskCompletionSource<(int Exit, string Out, string Err)>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var driver = DriveAsync(envs, plan, body, results, slots, stop);

        var exit = 0;
        Exception? error = null;
        OperationCanceledException? cancelled = null;
        foreach (var result in results)
        {
            try
            {
                var (code, text, problems) = await result.Task.ConfigureAwait(false);
                output.Write(text);
                errors.Write(problems);
                exit = Math.Max(exit, code);
            }
            catch (OperationCanceledException ex)
            {
                cancelled ??= ex; // the user's Ctrl-C, or the cancellation an error caused
            }
            catch (Exception ex)
            {
                error ??= ex; // the first error in file order
            }
        }

        await driver.ConfigureAwait(false);
        if ((error ?? cancelled) is { } thrown)
        {
            ExceptionDispatchInfo.Throw(thrown);
        }

        return exit;
    }

    /// <summary>Plans all, then those that go alone one by one, then the rest at once; every result lands in <paramref name="results"/>.</summary>
    private static async Task DriveAsync(IReadOnlyList<LoadedEnvironment> envs, Func<LoadedEnvironment, CancellationToken, Task<Plan>> plan,
        Func<LoadedEnvironment, Plan?, TextWriter, TextWriter, CancellationToken, Task<int>> body,
        TaskCompletionSource<(int Exit, string Out, string Err)>[] results, SemaphoreSlim slots, CancellationTokenSource stop)
    {
        var planned = await Task.WhenAll(envs.Select((env, i) => Bounded(i, async ct => (Plan?)await plan(env, ct).ConfigureAwait(false), results, slots, stop))).ConfigureAwait(false);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var alone = new List<int>();
        var together = new List<int>();
        for (var i = 0; i < envs.Count; i++)
        {
            if (results[i].Task.IsCompleted)
            {
                continue; // its plan failed
            }

            var repeated = !seen.Add(envs[i].Document.Name);
            (repeated || CreatesShared(planned[i]!) ? alone : together).Add(i);
        }

        var first = true;
        foreach (var i in alone)
        {
            // After one has gone, what it made (or changed of the same environment) is not in the others' plans.
            var initial = first ? planned[i] : null;
            first = false;
            await Bounded(i, async ct => await Run(envs[i], initial, body, results[i], ct).ConfigureAwait(false), results, slots, stop).ConfigureAwait(false);
        }

        await Task.WhenAll(together.Select(i => Bounded(i, async ct => await Run(envs[i], planned[i], body, results[i], ct).ConfigureAwait(false), results, slots, stop))).ConfigureAwait(false);
    }

    private static bool CreatesShared(Plan plan) =>
        plan.Changes.Any(s => s.Kind.Shared && s.Action is PlanAction.Create or PlanAction.Replace);

    private static async Task<bool> Run(LoadedEnvironment env, Plan? initial, Func<LoadedEnvironment, Plan?, TextWriter, TextWriter, CancellationToken, Task<int>> body,
        TaskCompletionSource<(int Exit, string Out, string Err)> result, CancellationToken ct)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await body(env, initial, output, errors, ct).ConfigureAwait(false);
        result.TrySetResult((exit, output.ToString(), errors.ToString()));
        return true;
    }

    /// <summary>Runs <paramref name="work"/> in one of the slots; an error or cancellation ends environment <paramref name="index"/>'s result, and an error stops the rest.</summary>
    private static async Task<T?> Bounded<T>(int index, Func<CancellationToken, Task<T>> work,
        TaskCompletionSource<(int Exit, string Out, string Err)>[] results, SemaphoreSlim slots, CancellationTokenSource stop)
    {
        try
        {
            await slots.WaitAsync(stop.Token).ConfigureAwait(false);
            try
            {
                return await work(stop.Token).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }
        catch (OperationCanceledException ex)
        {
            results[index].TrySetException(ex);
            return default;
        }
        catch (Exception ex)
        {
            results[index].TrySetException(ex);
            await stop.CancelAsync().ConfigureAwait(false);
            return default;
        }
    }
}
