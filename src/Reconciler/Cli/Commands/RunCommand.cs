using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Reconciler.Controller;
using Reconciler.Leases;

namespace Reconciler.Cli;

/// <summary>
/// <c>reconciler run --watch DIR | --source s3://BUCKET/PREFIX ...</c>: the controller. Its options are checked here
/// (exit 1 with one line each); the host (<see cref="ControllerHost"/>) then runs until stopped.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext cli)
    {
        var watch = new Option<string[]>("--watch") { Description = "A folder of specs to watch (repeatable)", AllowMultipleArgumentsPerToken = false };
        var source = new Option<string[]>("--source") { Description = "An S3 location s3://BUCKET/PREFIX of specs (repeatable)" };
        var resync = new Option<string>("--resync") { Description = "Resync period (default 5m)", DefaultValueFactory = _ => "5m" };
        var rescan = new Option<string>("--rescan") { Description = "How often sources are listed again besides file events (default 30s)", DefaultValueFactory = _ => "30s" };
        var events = new Option<string?>("--events")
        {
            Description = "React to the S3 sources' event notifications from this SQS queue, sqs://QUEUE_URL (docs/s3-events.md); the sources are then listed only every --fallback-rescan",
        };
        var fallbackRescan = new Option<string>("--fallback-rescan")
        {
            Description = "With --events: how often the sources are still listed in full, in case a notification is lost (default 5m)",
            DefaultValueFactory = _ => "5m",
        };
        var listen = new Option<string?>("--listen") { Description = "Serve the dashboard (/), /healthz, /readyz, /metrics, /status on this URL, e.g. http://127.0.0.1:8080" };
        var uiToken = new Option<string?>("--ui-token")
        {
            Description = $"A bearer token that allows the dashboard's 'Resync now' (else {Web.UiToken.Variable}; without either the dashboard is read-only)",
        };
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
            DefaultValueFactory = _ => SpecCatalog.DefaultMaxPruneFraction,
        };
        var run = new Command("run", "Run the controller: watch the sources, reconcile continuously, report and repair drift")
        {
            watch, source, resync, rescan, events, fallbackRescan, listen, uiToken, workers, leaseTable, leaseDuration, replicaId, createLeaseTable, detailEvery, pruneGrace, maxPruneFraction,
        };
        var errors = cli.Errors;
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

            if (s3.FirstOrDefault(l => S3SpecLocation.TryParse(l) is null) is { } wrong)
            {
                errors.WriteLine($"error: --source takes s3://BUCKET/PREFIX, not '{wrong}'");
                return 1;
            }

            SqsQueueLocation? queue = null;
            if (result.GetValue(events) is { } eventsText)
            {
                if ((queue = SqsQueueLocation.TryParse(eventsText)) is null)
                {
                    errors.WriteLine($"error: --events takes sqs://QUEUE_URL, such as sqs://sqs.eu-west-1.amazonaws.com/123456789012/specs, not '{eventsText}'");
                    return 1;
                }

                if (s3.Length == 0)
                {
                    errors.WriteLine("error: --events needs at least one --source s3://BUCKET/PREFIX whose bucket notifies the queue");
                    return 1;
                }

                if (Durations.Parse(result.GetValue(fallbackRescan)!) is not { } fallback)
                {
                    errors.WriteLine("error: --fallback-rescan takes a duration such as 5m or 1h");
                    return 1;
                }

                // An explicit --rescan still wins; by default the events replace the frequent listing.
                if (result.GetResult(rescan) is null or { Implicit: true })
                {
                    scan = fallback;
                }
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

            LeaseOptions? leases = null;
            if (result.GetValue(leaseTable) is { Length: > 0 } table)
            {
                if (Durations.Parse(result.GetValue(leaseDuration)!) is not { } lease || lease < TimeSpan.FromSeconds(1))
                {
                    errors.WriteLine("error: --lease-duration takes a duration of at least 1s, such as 30s");
                    return 1;
                }

                leases = new LeaseOptions(table, lease, result.GetValue(replicaId) is { Length: > 0 } id ? id : ReplicaIdentity.Default(), result.GetValue(createLeaseTable));
            }

            var options = new ControllerOptions(folders, s3, period.Value, scan.Value, Math.Max(1, result.GetValue(workers)), result.GetValue(listen))
            {
                Leases = leases,
                DetailEvery = result.GetValue(detailEvery),
                PruneGrace = grace,
                MaxPruneFraction = result.GetValue(maxPruneFraction),
                UiToken = Web.UiToken.Of(result.GetValue(uiToken)),
                Events = queue,
            };
            await using var app = ControllerHost.Build(options, cli.Time, result.GetValue(cli.Verbose));
            if (leases is not null)
            {
                // A lease table that cannot be used is a bad start, said plainly (exit 1), not a host that stops itself.
                try
                {
                    await app.Services.GetRequiredService<LeaseCoordinator>().StartAsync(token).ConfigureAwait(false);
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
        return run;
    }
}
