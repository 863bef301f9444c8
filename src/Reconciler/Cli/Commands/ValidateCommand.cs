using System.CommandLine;

namespace Reconciler.Cli;

/// <summary><c>reconciler validate PATH... [--strict]</c>: exit 0 when every spec loads, 1 otherwise (the errors on standard error).</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext cli)
    {
        var validate = new Command("validate", "Check spec files; exit 0 when valid, 1 otherwise") { cli.Paths, cli.Strict };
        validate.SetAction(result =>
        {
            var options = cli.Read(result);
            var loaded = SpecSet.Load(options.Paths, cli.Errors, options.Strict);
            if (loaded is null)
            {
                return 1;
            }

            cli.Output.WriteLine($"{loaded.Count} environment(s) valid: {string.Join(", ", loaded.Select(l => l.Document.Name))}");
            return 0;
        });
        return validate;
    }
}
