using System.Diagnostics;
using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Bench.Fleet;
using Reconciler.Controller;
using Reconciler.Engine;

namespace Reconciler.Bench.Events;

/// <summary>
/// S3 sources by events (issue 14): against a moto_server of its own, the time from PutObject of a new spec to the start
/// of its environment's first pass (the controller's <see cref="ControllerService.PassObserved"/>), once with
/// <c>--events</c> (the bucket notifying an SQS queue, fallback listing an hour away) and once with polling at the
/// default <c>--rescan</c> of 30 s. Before each put the bench waits a random part of the rescan period, so the puts
/// fall anywhere in the polling cycle, as a user's do. The environments are in suspend mode: their pass reads nothing of
/// AWS, so what is measured is how soon the controller learns of the spec, not how long a reconcile takes.
/// </summary>
internal static class S3EventsBench
{
    private static readonly TimeSpan DefaultRescan = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyList<string>> RunAsync(int runs, CancellationToken ct)
    {
        using var moto = await MotoProcess.StartAsync(ct).ConfigureAwait(false);
        using var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = moto.Endpoint, AuthenticationRegion = FleetBench.Region, ForcePathStyle = true });
        using var sqs = new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = moto.Endpoint, AuthenticationRegion = FleetBench.Region });
        var bucket = "bench-events-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, BucketRegion = FleetBench.Region }, ct).ConfigureAwait(false);
        var queueUrl = (await sqs.CreateQueueAsync(bucket, ct).ConfigureAwait(false)).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"], ct).ConfigureAwait(false)).QueueARN;
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = bucket,
            QueueConfigurations = [new QueueConfiguration { Queue = arn, Events = [EventType.ObjectCreatedAll, EventType.ObjectRemovedAll] }],
        }, ct).ConfigureAwait(false);

        var withEvents = await MeasureAsync(s3, bucket, "events", SqsQueueLocation.TryParse("sqs://" + queueUrl), runs, ct).ConfigureAwait(false);
        var polling = await MeasureAsync(s3, bucket, "polling", null, runs, ct).ConfigureAwait(false);
        var lines = new List<string>
        {
            FormattableString.Invariant($"moto_server {moto.Endpoint}; {runs} puts each, median and range of PutObject → start of the new environment's first pass."),
            string.Empty,
            "| source | median | min | max | every run (s) |",
            "| --- | ---: | ---: | ---: | --- |",
            Row("`--events sqs://…` (fallback listing every 1 h)", withEvents),
            Row($"polling at the default `--rescan` ({DefaultRescan.TotalSeconds:F0} s)", polling),
        };
        return lines;
    }

    private static string Row(string name, List<double> seconds) => FormattableString.Invariant(
        $"| {name} | {Median(seconds):F2} s | {seconds.Min():F2} s | {seconds.Max():F2} s | {string.Join(", ", seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} |");

    private static async Task<List<double>> MeasureAsync(AmazonS3Client s3, string bucket, string name, SqsQueueLocation? events, int runs, CancellationToken ct)
    {
        var prefix = $"{name}/";
        using var aws = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System);
        var options = new ControllerOptions([], [$"s3://{bucket}/{prefix}"], Resync: TimeSpan.FromHours(1), Rescan: events is null ? DefaultRescan : TimeSpan.FromHours(1), Workers: 2, Listen: null) { Events = events };
        using var queue = new WorkQueue(TimeProvider.System, WorkQueueOptions.Default);
        var sources = ControllerHost.Sources(options, TimeProvider.System, aws);
        var statuses = new StatusStore();
        var listener = events is null ? null : ControllerHost.Listener(events, sources, TimeProvider.System, aws, NullLoggerFactory.Instance);
        var firstPass = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using var controller = new ControllerService(options, sources, new SpecCatalog(), queue, aws.Engine, statuses, new ControllerMetrics(aws.Metrics, () => queue.Depth, statuses),
            TimeProvider.System, NullLogger<ControllerService>.Instance, events: listener)
        {
            PassObserved = pass => firstPass.TryAdd(pass.Environment, pass.Started),
        };
        await controller.StartAsync(ct).ConfigureAwait(false);
        while (!statuses.Ready)
        {
            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        var latencies = new List<double>();
        try
        {
            for (var run = 1; run <= runs; run++)
            {
                await Task.Delay(TimeSpan.FromSeconds(Random.Shared.NextDouble() * DefaultRescan.TotalSeconds), ct).ConfigureAwait(false);
                var environment = $"{name}-{run:D2}-{Guid.NewGuid().ToString("N")[..6]}";
                var put = DateTimeOffset.UtcNow;
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"{prefix}{environment}.yaml", ContentBody = Spec(environment) }, ct).ConfigureAwait(false);
                var waited = Stopwatch.StartNew();
                DateTimeOffset started;
                while (!firstPass.TryGetValue(environment, out started))
                {
                    if (waited.Elapsed > TimeSpan.FromMinutes(2))
                    {
                        throw new TimeoutException($"{environment} was never reconciled ({name})");
                    }

                    await Task.Delay(20, ct).ConfigureAwait(false);
                }

                latencies.Add((started - put).TotalSeconds);
                Console.Error.WriteLine(FormattableString.Invariant($"{name} run {run}: {(started - put).TotalSeconds:F2} s"));
            }
        }
        finally
        {
            await controller.StopAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var source in sources)
            {
                source.Dispose();
            }
        }

        return latencies;
    }

    /// <summary>An environment in suspend mode: a pass that reads no AWS.</summary>
    private static string Spec(string environment) =>
        $"apiVersion: reconciler/v1\nkind: Environment\nmetadata:\n  name: {environment}\nspec:\n  region: {FleetBench.Region}\n  mode: suspend\n  prune: true\n  tags:\n    bench: events\n";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
