using Reconciler.Cli;

namespace Reconciler.Tests.Import;

/// <summary>The import verb's command line: starting points, names, sections, and --adopt refused until it is wired (no AWS needed).</summary>
public sealed class ImportCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, errors, TimeProvider.System);
        return (exit, output.ToString(), errors.ToString());
    }

    [Theory]
    [InlineData("exactly one starting point", "--region", "us-west-2", "--name", "legacy")]
    [InlineData("exactly one starting point", "--region", "us-west-2", "--name", "legacy", "--vpc", "vpc-1", "--cluster", "c")]
    [InlineData("is not an environment name", "--region", "us-west-2", "--name", "Legacy_1", "--vpc", "vpc-1")]
    [InlineData("unknown section 'balancers'", "--region", "us-west-2", "--name", "legacy", "--vpc", "vpc-1", "--exclude", "balancers")]
    [InlineData("--adopt is not wired yet", "--region", "us-west-2", "--name", "legacy", "--vpc", "vpc-1", "--adopt")]
    public async Task Import_Should_Exit1WithoutCallingAws_When_TheCommandLineIsWrongOrAsksToAdopt(string message, params string[] args)
    {
        var (exit, _, errors) = await Cli(["import", .. args]);

        Assert.Equal(1, exit);
        Assert.Contains(message, errors, StringComparison.Ordinal);
    }
}
