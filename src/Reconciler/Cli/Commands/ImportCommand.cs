using System.CommandLine;
using System.Text.RegularExpressions;
using Reconciler.Engine;
using Reconciler.Import;

namespace Reconciler.Cli;

/// <summary>
/// <c>reconciler import --region R (--vpc ID | --cluster NAME | --load-balancer NAME) --name ENV [--out FILE]
/// [--include sections] [--exclude sections] [--adopt]</c>: reads an environment built by hand and writes the spec that
/// describes it, with a report of what was found and what was left out. Without --adopt nothing is written to AWS.
/// </summary>
internal static partial class ImportCommand
{
    public static Command Create(CliContext cli)
    {
        var region = new Option<string>("--region") { Description = "The region to read", Required = true };
        var vpc = new Option<string?>("--vpc") { Description = "Start from a VPC id: everything in it and linked to it" };
        var cluster = new Option<string?>("--cluster") { Description = "Start from an ECS cluster name" };
        var loadBalancer = new Option<string?>("--load-balancer") { Description = "Start from a load balancer name" };
        var name = new Option<string>("--name") { Description = "The environment name of the generated spec (metadata.name)", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the spec to this file (default: standard output, the report then goes to standard error)" };
        var include = new Option<string[]>("--include") { Description = $"Only these spec sections ({string.Join(", ", ImportOptions.Sections)}), comma-separated", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Leave these spec sections out (and what needs them)", AllowMultipleArgumentsPerToken = true };
        var adopt = new Option<bool>("--adopt") { Description = "Also tag what was found as owned by the environment (off by default)" };
        var command = new Command("import", "Write the spec of an environment built by hand, from a VPC, a cluster or a load balancer")
        {
            region, vpc, cluster, loadBalancer, name, output, include, exclude, adopt,
        };
        command.SetAction(async (result, token) =>
        {
            var starts = new[] { result.GetValue(vpc), result.GetValue(cluster), result.GetValue(loadBalancer) }.Count(s => !string.IsNullOrEmpty(s));
            if (starts != 1)
            {
                cli.Errors.WriteLine("error: give exactly one starting point: --vpc, --cluster or --load-balancer");
                return 1;
            }

            var env = result.GetValue(name)!;
            if (!EnvironmentName().IsMatch(env))
            {
                cli.Errors.WriteLine($"error: --name: '{env}' is not an environment name (a-z, 0-9 and '-', starting with a letter)");
                return 1;
            }

            var included = Split(result.GetValue(include));
            var excluded = Split(result.GetValue(exclude));
            if (included.Concat(excluded).FirstOrDefault(s => !ImportOptions.Sections.Contains(s, StringComparer.Ordinal)) is { } unknown)
            {
                cli.Errors.WriteLine($"error: --include/--exclude: unknown section '{unknown}' (one of {string.Join(", ", ImportOptions.Sections)})");
                return 1;
            }

            var options = new ImportOptions(result.GetValue(region)!, env, result.GetValue(vpc), result.GetValue(cluster), result.GetValue(loadBalancer), included, excluded);
            using var loggers = Logging.Create(result.GetValue(cli.Verbose), cli.Settings);
            using var aws = new AwsComposition(loggers, cli.Time, settings: cli.Settings);
            Func<IReadOnlyList<AdoptionTarget>, CancellationToken, Task<AdoptionResult>>? adopter = result.GetValue(adopt)
                ? (targets, ct) => new Adoption(aws, cli.Time).AdoptAsync(options.Environment, options.Region, targets, ct)
                : null;
            return await RunAsync(options, ImportClients.From(aws, options.Region), result.GetValue(output), cli.Output, cli.Errors, token, adopter).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Discovers, writes the spec (to <paramref name="outFile"/> or <paramref name="output"/>) and prints the report.</summary>
    /// With <paramref name="adopt"/> (<c>--adopt</c>), the targets of what was kept are then handed to the environment and
    /// the outcome of each printed; a refusal exits 1, since the spec would then create a second copy of that resource.
    public static async Task<int> RunAsync(ImportOptions options, ImportClients clients, string? outFile, TextWriter output, TextWriter errors, CancellationToken ct,
        Func<IReadOnlyList<AdoptionTarget>, CancellationToken, Task<AdoptionResult>>? adopt = null)
    {
        ImportResult result;
        try
        {
            result = await ImportDiscovery.RunAsync(options, clients, ct).ConfigureAwait(false);
        }
        catch (ImportException ex)
        {
            errors.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (Aws.AwsCallException ex)
        {
            errors.WriteLine($"error: {Aws.Remedies.Describe(ex)}");
            return 1;
        }
        catch (Amazon.Runtime.AmazonServiceException ex)
        {
            errors.WriteLine($"error: {ex.ErrorCode}: {ex.Message}");
            return 1;
        }

        var start = options.VpcId is { } v ? $"--vpc {v}" : options.Cluster is { } c ? $"--cluster {c}" : $"--load-balancer {options.LoadBalancer}";
        var spec = SpecWriter.Write(result, $"--region {options.Region} {start} --name {options.Environment}");
        var report = ImportReport.Text(result);
        if (outFile is null)
        {
            output.Write(spec);
            errors.Write(report);
        }
        else
        {
            await File.WriteAllTextAsync(outFile, spec, ct).ConfigureAwait(false);
            output.Write(report);
            output.WriteLine($"Wrote {outFile}: check it with `reconciler validate {outFile}` and `reconciler plan {outFile}`.");
        }

        if (adopt is null)
        {
            return 0;
        }

        var adopted = await adopt(result.Targets, ct).ConfigureAwait(false);
        var log = outFile is null ? errors : output;
        log.WriteLine($"Adoption into {options.Environment}: {adopted.Adopted.Count} adopted, {adopted.AlreadyOurs.Count} already its own or shared, {adopted.Refused.Count} refused");
        foreach (var outcome in adopted.Outcomes)
        {
            log.WriteLine($"  {outcome.Status.ToString().ToLowerInvariant(),-12} {outcome.Target.LogicalId} ({outcome.Target.AwsId}): {outcome.Reason}");
        }

        if (adopted.Refused.Count > 0)
        {
            errors.WriteLine($"error: {adopted.Refused.Count} resource(s) were not adopted; remove them from the spec (or settle their owner) before `apply`, which would otherwise create them anew");
            return 1;
        }

        if (adopted.Unlisted.Count > 0)
        {
            // The providers of these kinds find them only through the Tagging API: a plan now would show them missing.
            errors.WriteLine($"error: the Tagging API does not list {adopted.Unlisted.Count} adopted resource(s) yet ({string.Join(", ", adopted.Unlisted)}); it is eventually consistent: run the same import --adopt again in a minute (it waits again), and do not `apply` before `plan` shows nothing to create");
            return 1;
        }

        return 0;
    }

    private static List<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex EnvironmentName();
}
