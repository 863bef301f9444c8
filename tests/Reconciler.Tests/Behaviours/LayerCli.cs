using System.Diagnostics;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// The CLI as a user runs it: the built reconciler.dll in a separate process whose only link to the layer is
/// <c>AWS_ENDPOINT_URL</c> (why the layer is a proxy), with the CLI's own retry schedule.
/// </summary>
internal static class LayerCli
{
    /// <summary>Runs <c>reconciler args</c> against <paramref name="proxy"/>; its exit code and its output (stdout, then stderr).</summary>
    public static async Task<(int Exit, string Text)> RunAsync(BehavioursProxy proxy, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "reconciler.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_ENDPOINT_URL"] = proxy.Endpoint;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the CLI did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A CLI left running would keep calling the shared moto under the next tests.
            process.Kill(entireProcessTree: true);
            Assert.Fail($"reconciler {string.Join(' ', args)} did not end within 4 minutes\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, $"exit {process.ExitCode}\n{await stdout}\n{await stderr}");
    }
}
