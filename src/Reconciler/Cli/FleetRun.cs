using System.Runtime.ExceptionServices;

namespace Reconciler.Cli;

/// <summary>
/// Runs a verb's work for each environment in parallel (<c>apply</c> and <c>destroy</c> of a folder), at most
/// <see cref="MaxParallel"/> at once: their AWS calls all go through the one API budget of the run's
/// <c>AwsComposition</c> (AWS's published rates, per region, shared by every environment), so running more
/// environments at once never asks AWS for more than that budget. Files naming the same environment run one after the
/// other, in file order. What each environment prints is held and written in file order as soon as it and the ones
/// before it are done, so the output reads as if they had run one by one. The first error (an AWS error, a bug)
/// cancels the others and is thrown once they have stopped.
/// </summary>
internal static class FleetRun
{
    /// <summary>Environments converging at once: the bench's figure (8), enough for the budget, not the CPU, to bound a folder's apply.</summary>
    public const int MaxParallel = 8;

    public static async Task<int> EachAsync(IReadOnlyList<LoadedEnvironment> envs, Func<LoadedEnvironment, TextWriter, TextWriter, CancellationToken, Task<int>> body,
        TextWriter output, TextWriter errors, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var slots = new SemaphoreSlim(MaxParallel);
        var last = new Dictionary<string, Task>(StringComparer.Ordinal);
        var runs = new List<Task<(int Exit, string Out, string Err)>>();
        foreach (var env in envs)
        {
            var run = OneAsync(env, last.GetValueOrDefault(env.Document.Name) ?? Task.CompletedTask, body, slots, stop);
            last[env.Document.Name] = run;
            runs.Add(run);
        }

        var exit = 0;
        Exception? error = null;
        OperationCanceledException? cancelled = null;
        foreach (var run in runs)
        {
            try
            {
                var (code, text, problems) = await run.ConfigureAwait(false);
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

        if ((error ?? cancelled) is { } thrown)
        {
            ExceptionDispatchInfo.Throw(thrown);
        }

        return exit;
    }

    private static async Task<(int Exit, string Out, string Err)> OneAsync(LoadedEnvironment env, Task before,
        Func<LoadedEnvironment, TextWriter, TextWriter, CancellationToken, Task<int>> body, SemaphoreSlim slots, CancellationTokenSource stop)
    {
        // Whatever the file before it (same environment) came to: its own error is reported through its own task.
        await Task.WhenAny(before).ConfigureAwait(false);
        await slots.WaitAsync(stop.Token).ConfigureAwait(false);
        try
        {
            using var output = new StringWriter();
            using var errors = new StringWriter();
            var exit = await body(env, output, errors, stop.Token).ConfigureAwait(false);
            return (exit, output.ToString(), errors.ToString());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            slots.Release();
        }
    }
}
