using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Bench.Fleet;
using Reconciler.Leases;
using Reconciler.Tests.Leases;

namespace Reconciler.Bench.Leases;

/// <summary>
/// The lease rounds of several replicas (issue 14, "Leases"): against a moto_server of its own, R coordinators share E
/// environments through one lease table, driven round by round on a fake clock (a round: every replica ticks once, then
/// the clock moves one renew interval). Counted at the HTTP layer (<see cref="DynamoDbReads"/>): DynamoDB calls per
/// operation and items read, per steady round (everything held), and over the takeover after one replica dies.
/// </summary>
internal static class LeaseBench
{
    public static async Task<IReadOnlyList<string>> RunAsync(int replicas, int environments, int rounds, CancellationToken ct)
    {
        using var moto = await MotoProcess.StartAsync(ct).ConfigureAwait(false);
        var reads = new DynamoDbReads();
        using var dynamo = new AmazonDynamoDBClient(new AmazonDynamoDBConfig
        {
            ServiceURL = moto.Endpoint,
            AuthenticationRegion = FleetBench.Region,
            MaxErrorRetry = 0,
            HttpClientFactory = new WrappingHttpClientFactory(DynamoDbReads.Wrap(reads)),
        });
        var runner = new AwsCallRunner(new AwsCallMetrics(), NullLogger<AwsCallRunner>.Instance, TimeProvider.System);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var names = Enumerable.Range(1, environments).Select(i => $"env-{i:D4}").ToList();
        var ids = Enumerable.Range(1, replicas).Select(i => $"replica-{i}").ToList();
        var coordinators = ids.Select(id =>
        {
            var options = new LeaseOptions("reconciler-leases", LeaseOptions.DefaultDuration, id, CreateTable: true);
            return new LeaseCoordinator(new LeaseStore(dynamo, runner, options, time), options, time, NullLogger<LeaseCoordinator>.Instance);
        }).ToList();
        var interval = LeaseOptions.DefaultDuration / 3;

        async Task<(DynamoDbCost Cost, TimeSpan Wall)> Round(IEnumerable<LeaseCoordinator> tickers)
        {
            var before = reads.Now();
            var wall = Stopwatch.StartNew();
            foreach (var coordinator in tickers)
            {
                await coordinator.TickAsync(names, ct).ConfigureAwait(false);
            }

            time.Advance(interval);
            return (reads.Since(before), wall.Elapsed);
        }

        foreach (var coordinator in coordinators)
        {
            await coordinator.StartAsync(ct).ConfigureAwait(false);
        }

        var start = reads.Now();
        await Round(coordinators).ConfigureAwait(false); // announces every replica
        var acquire = await Round(coordinators).ConfigureAwait(false); // acquires every environment
        var startCost = reads.Since(start);
        if (coordinators.Sum(c => c.Held.Count) != environments)
        {
            throw new InvalidOperationException($"after two rounds {coordinators.Sum(c => c.Held.Count)} of {environments} environments are held");
        }

        var steady = new List<(DynamoDbCost Cost, TimeSpan Wall)>();
        for (var i = 0; i < rounds; i++)
        {
            steady.Add(await Round(coordinators).ConfigureAwait(false));
        }

        // The last replica dies (never ticks again): the others take its environments once its heartbeat has lapsed.
        var survivors = coordinators.Take(replicas - 1).ToList();
        var takeover = new List<(DynamoDbCost Cost, TimeSpan Wall)>();
        while (survivors.Sum(c => c.Held.Count) < environments && takeover.Count < 10)
        {
            takeover.Add(await Round(survivors).ConfigureAwait(false));
        }

        var after = new List<(DynamoDbCost Cost, TimeSpan Wall)>();
        for (var i = 0; i < rounds; i++)
        {
            after.Add(await Round(survivors).ConfigureAwait(false));
        }

        var median = steady.OrderBy(s => s.Cost.Calls).ElementAt(steady.Count / 2);
        var lines = new List<string>
        {
            FormattableString.Invariant($"{replicas} replicas, {environments} environments, lease {LeaseOptions.DefaultDuration.TotalSeconds:0} s (a round every {interval.TotalSeconds:0} s), moto_server {moto.Endpoint}; counted at the HTTP layer (`DynamoDbReads`: calls per operation, items DynamoDB read to answer, items handed back by writes)."),
            string.Empty,
            "| phase | DynamoDB calls | items read | items returned by writes | wall (moto) |",
            "|---|---|---|---|---|",
            Row("start: announce + acquire every environment (2 rounds)", startCost, TimeSpan.Zero),
            Row($"steady round, all {replicas} replicas (median of {rounds})", median.Cost, median.Wall),
            Row($"takeover after one replica died ({takeover.Count} rounds of {replicas - 1}, until its share is held)", Sum(takeover.Select(t => t.Cost)), TimeSpan.FromTicks(takeover.Sum(t => t.Wall.Ticks))),
            Row($"steady round, {replicas - 1} replicas after the takeover (last of {rounds})", after[^1].Cost, after[^1].Wall),
        };
        _ = acquire;
        return lines;
    }

    private static DynamoDbCost Sum(IEnumerable<DynamoDbCost> costs)
    {
        var list = costs.ToList();
        var calls = list.SelectMany(c => c.CallsByOperation).GroupBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        return new DynamoDbCost(calls, list.Sum(c => c.ItemsRead), list.Sum(c => c.ItemsReturnedByWrites));
    }

    private static string Row(string phase, DynamoDbCost cost, TimeSpan wall) =>
        string.Create(CultureInfo.InvariantCulture, $"| {phase} | {cost.Calls:N0} ({string.Join(", ", cost.CallsByOperation.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value:N0}"))}) | {cost.ItemsRead:N0} | {cost.ItemsReturnedByWrites:N0} | {(wall == TimeSpan.Zero ? "" : $"{wall.TotalMilliseconds:N0} ms")} |");
}
