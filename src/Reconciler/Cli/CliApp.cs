using System.CommandLine;

namespace Reconciler.Cli;

/// <summary>
/// <c>reconciler validate|plan|apply|destroy PATH...</c>, <c>run</c>, <c>status</c>, <c>health</c>, <c>set-image</c>,
/// <c>iam-policy</c>: one command class per verb (Commands/, kept in this namespace), sharing <see cref="CliContext"/>;
/// this class only dispatches. Exit codes: 0 success (for plan --detailed-exitcode: no changes), 1 error, 2 changes pending (plan
/// --detailed-exitcode only), as Terraform does.
/// </summary>
internal static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, TimeProvider time, CancellationToken ct = default)
    {
        var cli = new CliContext(output, errors, time);
        var root = new RootCommand("Reconciler: keeps AWS environments the way their YAML specs say")
        {
            ValidateCommand.Create(cli),
            PlanCommand.Create(cli),
            ApplyCommand.Create(cli),
            DestroyCommand.Create(cli),
            RunCommand.Create(cli),
            StatusCommand.Create(cli),
            SetImageCommand.Create(cli),
            IamPolicyCommand.Create(cli),
            HealthCommand.Create(cli),
            ImportCommand.Create(cli),
        };
        root.Options.Add(cli.Verbose);
        var invocation = new InvocationConfiguration { Output = output, Error = errors };
        return root.Parse(args).InvokeAsync(invocation, ct);
    }
}
