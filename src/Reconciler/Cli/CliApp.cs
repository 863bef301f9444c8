using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Reconciler.Engine;
using Reconciler.Model.Planning;
using Reconciler.Model.Spec;

namespace Reconciler.Cli;

/// <summary>
/// <c>reconciler validate|plan|apply|destroy PATH...</c>, <c>run</c>, <c>status</c>, <c>set-image</c>. Exit codes: 0 success (for plan --detailed-exitcode: no
/// changes), 1 error, 2 changes pending (plan --detailed-exitcode only), as Terraform does.
/// </summary>
internal static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, TimeProvider time, CancellationToken ct = default)
    {
        var paths = new Argument<string[]>("paths") { Description = "Spec files, or folders of *.yaml", Arity = ArgumentArity.OneOrMore };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Debug logging", Recursive = true };
        var strict = new Option<bool>("--strict") { Description = "Treat warnings (risky settings) as errors" };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 0 when in sync, 2 when there are changes, 1 on error" };
        var yes = new Option<bool>("--yes") { Description = "Confirm the deletion" };

        var validate = new Command("validate", "Check spec files; exit 0 when valid, 1 otherwise") { paths, strict };
        validate.SetAction(result =>
        {
            var loaded = SpecSet.Load(result.GetValue(paths)!, errors, result.GetValue(strict));
            if (loaded is null)
            {
                return 1;
            }

            output.WriteLine($"{loaded.Count} environment(s) valid: {string.Join(", ", loaded.Select(l => l.Document.Name))}");
            return 0;
        });

        var plan = new Command("plan", "Show what apply would change") { paths, json, detailed, strict };
        plan.SetAction((result, token) => WithEngine(result.GetValue(verbose), time, result.GetValue(paths)!, errors, result.GetValue(strict), async (engine, envs) =>
        {
            var models = new List<object>();
            var changes = false;
            var blocked = false;
            foreach (var env in envs)
            {
                var p = await engine.PlanAsync(env.Graph, new PlanOptions(env.Document.Spec.Prune), token).ConfigureAwait(false);
                changes |= p.HasChanges;
                blocked |= p.Steps.Any(s => s.Action is PlanAction.Blocked or PlanAction.Conflict);
                if (result.GetValue(json))
                {
                    models.Add(PlanPrinter.Model(p, env.File));
                }
                else
                {
                    output.Write(PlanPrinter.Text(p, env.File));
                }
            }

            if (result.GetValue(json))
            {
                output.WriteLine(PlanPrinter.JsonText(models));
            }

            return blocked ? 1 : result.GetValue(detailed) && changes ? 2 : 0;
        }, token));

        var apply = new Command("apply", "Converge AWS to the specs") { paths, strict };
        apply.SetAction((result, token) => WithEngine(result.GetValue(verbose), time, result.GetValue(paths)!, errors, result.GetValue(strict), async (engine, envs) =>
        {
            var exit = 0;
            foreach (var env in envs)
            {
                if (env.Document.Spec.Mode != EnvironmentMode.Enforce)
                {
                    exit = Math.Max(exit, await ReportUnapplied(engine, env, output, errors, token).ConfigureAwait(false));
                    continue;
                }

                var applied = await engine.ApplyAsync(env.Graph, new PlanOptions(env.Document.Spec.Prune), token).ConfigureAwait(false);
                exit = Math.Max(exit, Report(applied, env, output));
            }

            return exit;
        }, token));

        var destroy = new Command("destroy", "Delete everything the environments own, in reverse dependency order") { paths, yes };
        destroy.SetAction((result, token) => WithEngine(result.GetValue(verbose), time, result.GetValue(paths)!, errors, strict: false, async (engine, envs) =>
        {
            var exit = 0;
            foreach (var env in envs)
            {
                var options = new PlanOptions(Prune: true, Destroy: true);
                if (!result.GetValue(yes))
                {
                    var p = await engine.PlanAsync(env.Graph, options, token).ConfigureAwait(false);
                    output.Write(PlanPrinter.Text(p, env.File));
                    errors.WriteLine("nothing deleted: run again with --yes to delete the resources above");
                    exit = 1;
                    continue;
                }

                var applied = await engine.ApplyAsync(env.Graph, options, token).ConfigureAwait(false);
                exit = Math.Max(exit, Report(applied, env, output));
            }

            return exit;
        }, token));

        var watch = new Option<string[]>("--watch") { Description = "A folder of specs to watch (repeatable)", AllowMultipleArgumentsPerToken = false };
        var source = new Option<string[]>("--source") { Description = "An S3 location s3://BUCKET/PREFIX of specs (repeatable)" };
        var resync = new Option<string>("--resync") { Description = "Resync period (default 5m)", DefaultValueFactory = _ => "5m" };
        var rescan = new Option<string>("--rescan") { Description = "How often sources are listed again besides file events (default 30s)", DefaultValueFactory = _ => "30s" };
        var listen = new Option<string?>("--listen") { Description = "Serve /healthz, /readyz, /metrics, /status on this URL, e.g. http://127.0.0.1:8080" };
        var workers = new Option<int>("--workers") { Description = "Environments reconciled in parallel (default 4)", DefaultValueFactory = _ => 4 };
        var leaseTable = new Option<string?>("--lease-table") { Description = "Share the environments with other replicas through leases in this DynamoDB table" };
        var leaseDuration = new Option<string>("--lease-duration") { Description = "How long a lease lasts unrenewed (default 30s); renewed every third of it", DefaultValueFactory = _ => "30s" };
        var replicaId = new Option<string?>("--replica-id") { Description = "This replica's name in the lease table (default: the ECS task's, else host name and process id)" };
        var createLeaseTable = new Option<bool>("--create-lease-table") { Description = "Create the lease table (on-demand, key pk) if it is missing" };
        var detailEvery = new Option<int>("--detail-every")
        {
            Description = "Read the per-resource details (VPC DNS settings, bucket settings, ECS services) of each environment in full every N-th resync; 1: every resync (default 6)",
            DefaultValueFactory = _ => 6,
        };
        var pruneGrace = new Option<string>("--prune-grace")
        {
            Description = "How long a removed spec stays a tombstone before its environment is pruned (default 10m; a spec's pruneGrace wins)",
            DefaultValueFactory = _ => "10m",
        };
        var maxPruneFraction = new Option<double>("--max-prune-fraction")
        {
            Description = "A listing that loses more than this fraction of its source's environments at once prunes nothing (default 0.5)",
            DefaultValueFactory = _ => Controller.SpecCatalog.DefaultMaxPruneFraction,
        };
        var run = new Command("run", "Run the controller: watch the sources, reconcile continuously, report and repair drift")
        {
            watch, source, resync, rescan, listen, workers, leaseTable, leaseDuration, replicaId, createLeaseTable, detailEvery, pruneGrace, maxPruneFraction,
        };
        run.SetAction(async (result, token) =>
        {
            var folders = result.GetValue(watch) ?? [];
            var s3 = result.GetValue(source) ?? [];
            var period = Durations.Parse(result.GetValue(resync)!);
            var scan = Durations.Parse(result.GetValue(rescan)!);
            if (period is null || scan is null)
            {
                errors.WriteLine("error: --resync and --rescan take durations such as 90s, 5m or 1h");
                return 1;
            }

            if (folders.Length + s3.Length == 0)
            {
                errors.WriteLine("error: name at least one --watch DIR or --source s3://BUCKET/PREFIX");
                return 1;
            }

            if (s3.FirstOrDefault(l => Controller.S3SpecLocation.TryParse(l) is null) is { } wrong)
            {
                errors.WriteLine($"error: --source takes s3://BUCKET/PREFIX, not '{wrong}'");
                return 1;
            }

            if (Durations.Parse(result.GetValue(pruneGrace)!) is not { } grace)
            {
                errors.WriteLine("error: --prune-grace takes a duration such as 10m or 1h");
                return 1;
            }

            if (result.GetValue(maxPruneFraction) is not (> 0 and <= 1))
            {
                errors.WriteLine("error: --max-prune-fraction takes a fraction above 0 and at most 1, such as 0.5");
                return 1;
            }

            if (result.GetValue(detailEvery) < 1)
            {
                errors.WriteLine("error: --detail-every takes a whole number of resyncs, at least 1");
                return 1;
            }

            Leases.LeaseOptions? leases = null;
            if (result.GetValue(leaseTable) is { Length: > 0 } table)
            {
                if (Durations.Parse(result.GetValue(leaseDuration)!) is not { } lease || lease < TimeSpan.FromSeconds(1))
                {
                    errors.WriteLine("error: --lease-duration takes a duration of at least 1s, such as 30s");
                    return 1;
                }

                leases = new Leases.LeaseOptions(table, lease, result.GetValue(replicaId) is { Length: > 0 } id ? id : Leases.ReplicaIdentity.Default(), result.GetValue(createLeaseTable));
            }

            var options = new Controller.ControllerOptions(folders, s3, period.Value, scan.Value, Math.Max(1, result.GetValue(workers)), result.GetValue(listen))
            {
                Leases = leases,
                DetailEvery = result.GetValue(detailEvery),
                PruneGrace = grace,
                MaxPruneFraction = result.GetValue(maxPruneFraction),
            };
            await using var app = Controller.ControllerHost.Build(options, time, result.GetValue(verbose));
            if (leases is not null)
            {
                // A lease table that cannot be used is a bad start, said plainly (exit 1), not a host that stops itself.
                try
                {
                    await app.Services.GetRequiredService<Leases.LeaseCoordinator>().StartAsync(token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InvalidOperationException or Aws.AwsCallException or Amazon.Runtime.AmazonClientException)
                {
                    errors.WriteLine($"error: {(ex is Aws.AwsCallException call ? Aws.Remedies.Describe(call) : ex.Message)}");
                    return 1;
                }
            }

            await app.StartAsync(token).ConfigureAwait(false);
            await Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(app, token).ConfigureAwait(false);
            return 0;
        });

        var url = new Option<string>("--url") { Description = "The controller's --listen URL (its /status URL works too)", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var statusJson = new Option<bool>("--json") { Description = "Print the controller's /status JSON as it is" };
        var status = new Command("status", "Show each environment's last pass, result, drift and what it waits for") { url, statusJson };
        status.SetAction(async (result, token) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                var body = await http.GetStringAsync(ControllerUrl.Endpoint(result.GetValue(url)!, "status"), token).ConfigureAwait(false);
                output.WriteLine(result.GetValue(statusJson) ? body : StatusPrinter.Table(body));
                return 0;
            }
            catch (Exception ex) when (ex is HttpRequestException or UriFormatException || (ex is TaskCanceledException && !token.IsCancellationRequested))
            {
                errors.WriteLine($"error: no controller answered at {result.GetValue(url)}: {ex.Message}");
                return 1;
            }
        });

        var location = new Argument<string>("spec-location") { Description = "A spec file, or an S3 object s3://BUCKET/KEY" };
        var container = new Option<string>("--container") { Description = "The container whose image tag is set", Required = true };
        var tag = new Option<string>("--tag") { Description = "The new image tag, e.g. the commit SHA", Required = true };
        var family = new Option<string?>("--family") { Description = "The task definition family, when the container name is in several" };
        var setImage = new Command("set-image", "Rewrite a container's image tag in a spec file or S3 object, keeping its comments and layout") { location, container, tag, family };
        setImage.SetAction(async (result, token) =>
        {
            var where = result.GetValue(location)!;
            if (!where.StartsWith("s3://", StringComparison.Ordinal))
            {
                return await SetImageCommand.RunAsync(new FileSpecStore(where), result.GetValue(container)!, result.GetValue(tag)!, result.GetValue(family), output, errors, token).ConfigureAwait(false);
            }

            if (Controller.S3SpecLocation.TryParse(where, folder: false) is not { Prefix.Length: > 0 } s3Object)
            {
                errors.WriteLine($"error: an S3 spec is s3://BUCKET/KEY, not '{where}'");
                return 1;
            }

            using var loggers = Logging.Create(result.GetValue(verbose));
            using var aws = new AwsComposition(loggers, time);
            var store = new S3SpecStore(s3Object.Bucket, s3Object.Prefix, aws.S3(Aws.AwsClientFactory.DefaultRegion()), aws.Runner);
            return await SetImageCommand.RunAsync(store, result.GetValue(container)!, result.GetValue(tag)!, result.GetValue(family), output, errors, token).ConfigureAwait(false);
        });

        var policySource = new Option<string[]>("--source") { Description = "An S3 location s3://BUCKET/PREFIX the controller reads specs from (repeatable): adds list, read and write on it" };
        var policyLeaseTable = new Option<string?>("--lease-table") { Description = "The DynamoDB lease table of several replicas (run --lease-table): adds its reads and conditional writes" };
        var policyCreateLeaseTable = new Option<bool>("--create-lease-table") { Description = "With --lease-table: also allow creating the table (run --create-lease-table)" };
        var iamPolicy = new Command("iam-policy", "Print the least-privilege IAM policy (JSON) for the kinds the specs use") { paths, policySource, policyLeaseTable, policyCreateLeaseTable };
        iamPolicy.SetAction(result =>
        {
            var sources = new List<(string Bucket, string Prefix)>();
            foreach (var location in result.GetValue(policySource) ?? [])
            {
                if (Security.IamPolicy.ParseS3(location) is not { } parsed)
                {
                    errors.WriteLine($"error: --source {location}: expected s3://BUCKET/PREFIX");
                    return 1;
                }

                sources.Add(parsed);
            }

            var loaded = SpecSet.Load(result.GetValue(paths)!, errors);
            if (loaded is null)
            {
                return 1;
            }

            output.WriteLine(Security.IamPolicy.Json(loaded, sources, result.GetValue(policyLeaseTable), result.GetValue(policyCreateLeaseTable)));
            return 0;
        });

        var healthUrl = new Option<string>("--url") { Description = "The controller's --listen URL, as for status (its /healthz URL works too)", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var health = new Command("health", "Exit 0 when the controller's /healthz answers 2xx within 5 s, 1 otherwise (for container health checks)") { healthUrl };
        health.SetAction(async (result, token) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var asked = result.GetValue(healthUrl)!;
            try
            {
                var endpoint = ControllerUrl.Endpoint(asked, "healthz");
                using var response = await http.GetAsync(endpoint, token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return 0;
                }

                errors.WriteLine($"unhealthy: {endpoint} answered {(int)response.StatusCode}");
                return 1;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
            {
                errors.WriteLine($"unhealthy: {asked}: {ex.Message}");
                return 1;
            }
        });

        var root = new RootCommand("Reconciler: keeps AWS environments the way their YAML specs say") { validate, plan, apply, destroy, run, status, setImage, iamPolicy, health };
        root.Options.Add(verbose);
        var invocation = new InvocationConfiguration { Output = output, Error = errors };
        return root.Parse(args).InvokeAsync(invocation, ct);
    }

    /// <summary>
    /// <c>apply</c> of an environment in detect or suspend mode: it changes nothing (the mode is the owner's word), but its
    /// exit code still says whether AWS matches the spec, since a pipeline reads 0 as "converged": 0 only when the plan
    /// has nothing left (orphans kept by <c>prune: false</c> aside, as for enforce), else the plan and 1. Suspend is
    /// treated as detect here: reading is harmless, and a suspended environment that drifted is not converged either.
    /// </summary>
    private static async Task<int> ReportUnapplied(ReconcileEngine engine, LoadedEnvironment env, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var mode = env.Document.Spec.Mode.ToString().ToLowerInvariant();
        var p = await engine.PlanAsync(env.Graph, new PlanOptions(env.Document.Spec.Prune), ct).ConfigureAwait(false);
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

    private static int Report(ApplyResult applied, LoadedEnvironment env, TextWriter output)
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

    private static async Task<int> WithEngine(bool verbose, TimeProvider time, string[] paths, TextWriter errors, bool strict, Func<ReconcileEngine, IReadOnlyList<LoadedEnvironment>, Task<int>> body, CancellationToken ct)
    {
        var envs = SpecSet.Load(paths, errors, strict);
        if (envs is null)
        {
            return 1;
        }

        using var loggers = Logging.Create(verbose);
        using var aws = new AwsComposition(loggers, time);
        try
        {
            return await body(aws.Engine, envs).ConfigureAwait(false);
        }
        catch (Aws.AwsCallException ex)
        {
            errors.WriteLine($"error: {Aws.Remedies.Describe(ex)}");
            return 1;
        }
        catch (Amazon.Runtime.AmazonClientException ex)
        {
            errors.WriteLine($"error: AWS configuration: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            errors.WriteLine("cancelled");
            return 130;
        }
    }
}
