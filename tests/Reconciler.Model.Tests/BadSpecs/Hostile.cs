using Reconciler.Model.Loading;
using Xunit.Sdk;

namespace Reconciler.Model.Tests.BadSpecs;

/// <summary>
/// Runs the loader on hostile input with a deadline and checks what any outcome must satisfy, whatever the input:
/// no exception, no hang, and either a valid document or at least one error that points into the file.
/// </summary>
internal static class Hostile
{
    /// <summary>A hang guard, not a speed test (speed is measured in bench/): a spec of a few kilobytes loads in about a millisecond, a 1 MiB one well under a second, and 30 s leaves room for a loaded CI machine.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="load"/> on the thread pool; fails (naming <paramref name="what"/>) if it throws or outlives the deadline.</summary>
    public static LoadedSpec Load(Func<LoadedSpec> load, string what, TimeSpan? timeout = null)
    {
        var deadline = timeout ?? CallTimeout;
        var task = Task.Run(load);
        try
        {
            if (!task.Wait(deadline))
            {
                // The task keeps running: a hang cannot be stopped from here, only reported.
                throw new LoaderHangException($"the loader did not finish within {deadline.TotalSeconds:0.#} s on {what}");
            }
        }
        catch (AggregateException ex)
        {
            throw new XunitException($"the loader threw on {what}: {ex.InnerException}");
        }

        return task.Result;
    }

    /// <summary>
    /// What every outcome must satisfy: valid, or at least one error; every diagnostic names the file and a position
    /// of at least 1:1 and no further down than the line after the text's last (<paramref name="text"/>, when known):
    /// YamlDotNet places an error at the end of the stream on the line after a last line that has no line break.
    /// </summary>
    public static void AssertSound(LoadedSpec spec, string file, string? text = null)
    {
        Assert.Equal(file, spec.File);
        if (!spec.IsValid)
        {
            Assert.True(spec.Errors.Any(), "an invalid spec with no error: " + string.Join("\n", spec.Diagnostics));
        }

        if (spec.Document is null)
        {
            Assert.False(spec.IsValid);
        }

        var lastLine = text is null ? int.MaxValue : LineCount(text) + 1;
        foreach (var diagnostic in spec.Diagnostics)
        {
            Assert.Equal(file, diagnostic.File);
            Assert.True(diagnostic.Mark.Line >= 1 && diagnostic.Mark.Column >= 1, $"a position before 1:1: {diagnostic}");
            Assert.True(diagnostic.Mark.Line <= lastLine, $"a line past the end of {lastLine - 1} lines: {diagnostic}");
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message), $"an empty message: {diagnostic}");
        }
    }

    /// <summary>
    /// Lines as the most generous reader counts them: YAML also breaks lines at a lone CR, NEL, LS and PS, so a
    /// position from the parser may be further down than a count of '\n' alone.
    /// </summary>
    public static int LineCount(string text)
    {
        var lines = 1;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\n':
                case '\r' when i + 1 >= text.Length || text[i + 1] != '\n':
                case '\u0085' or '\u2028' or '\u2029':
                    lines++;
                    break;
            }
        }

        return lines;
    }
}

/// <summary>The loader outlived its deadline. Kept apart so that nobody retries (or shrinks) an input that hangs.</summary>
internal sealed class LoaderHangException(string message) : XunitException(message);
