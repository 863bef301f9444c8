using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Engine;
using Reconciler.Leases;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Model.Spec;

namespace Reconciler.Controller;

/// <summary>
/// The controller: scans the sources (on events and periodically), keeps the catalog of environments, and runs a
/// bounded number of workers over a level-based queue of environment names. Each pass re-reads everything it needs;
/// long waits come back through the queue; failures back off per environment; a periodic, jittered resync reports
/// and (in enforce mode) repairs drift. With <paramref name="leases"/> (several replicas), only environments whose lease
/// this replica holds are reconciled: queue items for the others are dropped, an acquired lease queues its environment
/// at once, and every pass that would change AWS first confirms the lease (same holder, same generation), abandoning
/// the environment without changes when it was lost.
/// </summary>
internal sealed partial class ControllerService(
    ControllerOptions options,
    IReadOnlyList<ISpecSource> sources,
    SpecCatalog catalog,
    WorkQueue queue,
    ReconcileEngine engine,
    StatusStore statuses,
    ControllerMetrics metrics,
    TimeProvider time,
    ILogger<ControllerService> log,
    LeaseCoordinator? leases = null) : BackgroundService
{
    private readonly SemaphoreSlim _rescan = new(0);
    private readonly RolloutReporter _rollouts = new();

    /// <summary>
    /// The shared observation of each region's environments (the informer); see <see cref="SharedObservation"/>. Built
    /// with the service: workers reach it concurrently from their first pass, so it must not be created lazily.
    /// </summary>
    public SharedObservation Shared { get; } = new(engine, time, options.SharedObservationMaxAge ?? options.Resync * 0.9, log, options.DetailEvery);

    /// <summary>
    /// Per environment, the steps that failed in a way retrying cannot fix, each held back until its long backoff
    /// (<see cref="WorkQueueOptions.MaxDelay"/>) ends: the environment's other resources keep converging meanwhile.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, (DateTimeOffset Until, string Reason)>> _held = new(StringComparer.Ordinal);

    /// <summary>How soon an environment is looked at again while one of its services rolls out.</summary>
    public static readonly TimeSpan RolloutPoll = TimeSpan.FromSeconds(30);

    /// <summary>Told of every pass when it ends (tests record them; nothing in the controller depends on it).</summary>
    public Action<ReconcilePass>? PassObserved { get; init; }

    /// <summary>Queues every environment now (on-demand resync), or one.</summary>
    public void Resync(string? environment = null)
    {
        if (environment is null)
        {
            Shared.Invalidate();
        }

        foreach (var entry in catalog.Entries.Where(e => environment is null || e.Environment == environment))
        {
            queue.Add(entry.Environment);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var source in sources)
        {
            source.Changed += () => _rescan.Release();
        }

        if (leases is not null)
        {
            await leases.StartAsync(stoppingToken).ConfigureAwait(false);
            leases.Acquired += queue.Add;
            leases.Dropped += environment =>
            {
                statuses.Remove(environment);
                _rollouts.Forget(environment);
            };
        }

        var soon = await ScanAsync(stoppingToken).ConfigureAwait(false);
        statuses.Ready = true;
        var workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => WorkAsync(stoppingToken)).ToList();
        var leaseRounds = leases?.RunAsync(() => [.. catalog.Entries.Select(e => e.Environment)], stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // A burst of file events becomes one scan.
                using (var round = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    var signalled = _rescan.WaitAsync(round.Token);
                    // A listing cut short (a half-written file) is listed again soon, not at the next period.
                    var wait = soon ? TimeSpan.FromSeconds(1) : options.Rescan;
                    await Task.WhenAny(signalled, Task.Delay(wait, time, round.Token)).ConfigureAwait(false);
                    await round.CancelAsync().ConfigureAwait(false);
                    if (signalled.IsCompletedSuccessfully)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(200), time, stoppingToken).ConfigureAwait(false);
                    }
                }

                while (_rescan.CurrentCount > 0)
                {
                    await _rescan.WaitAsync(stoppingToken).ConfigureAwait(false);
                }

                soon = await ScanAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.ShutDown();
            await Task.WhenAll(workers).ConfigureAwait(false);
            if (leaseRounds is not null)
            {
                await leaseRounds.ConfigureAwait(false);
                await ReleaseLeasesAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A graceful stop hands the leases back, so the other replicas take over now rather than after a lease period.</summary>
    private async Task ReleaseLeasesAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await leases!.ReleaseAllAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AwsCallException or OperationCanceledException)
        {
            LogLeasesNotReleased(log, leases!.ReplicaId, ex.Message);
        }
    }

    /// <summary>Lists every source into the catalog and queues what changed; true when a listing should be retried soon.</summary>
    private async Task<bool> ScanAsync(CancellationToken ct)
    {
        var soon = false;
        foreach (var source in sources)
        {
            var listing = await source.ListAsync(ct).ConfigureAwait(false);
            if (listing.Error is { } error)
            {
                LogSourceError(log, source.Name, error);
            }
            else if (!listing.Complete)
            {
                soon = true;
            }

            var before = catalog.Entries.ToDictionary(e => e.Environment, e => e.Removed, StringComparer.Ordinal);
            foreach (var environment in catalog.Apply(listing))
            {
                var entry = catalog.Find(environment);
                foreach (var problem in entry?.Problems ?? [])
                {
                    LogSpecProblem(log, environment, problem);
                }

                var known = before.TryGetValue(environment, out var wasRemoved);
                if (entry is { Removed: true, Tombstone: { } tombstone } && known && !wasRemoved)
                {
                    LogTombstoned(log, environment, entry.Location, tombstone.Grace, tombstone.PruneAt, Tombstone.MinListings);
                }
                else if (entry is { Removed: false } && (!known || wasRemoved))
                {
                    Appeared(entry, cancelled: known);
                }

                queue.Add(environment);
            }

            foreach (var (held, guard) in catalog.TakeGuardReports())
            {
                if (guard is null)
                {
                    LogGuardLifted(log, held);
                }
                else
                {
                    LogGuard(log, held, guard);
                }
            }

            if (listing.ResyncRequested)
            {
                LogResyncMarker(log, source.Name);
                Resync();
            }
        }

        foreach (var (location, problems) in catalog.TakeRejections())
        {
            foreach (var problem in problems)
            {
                LogRejected(log, location, problem);
            }
        }

        return soon;
    }

    /// <summary>
    /// A spec that appears, or returns while its environment was a tombstone: nothing is said about it until its own
    /// pass has observed AWS afresh. The shared snapshot may predate a prune or destroy, so it is not used for it, and a
    /// status left from before reads "observing" until that pass replaces it.
    /// </summary>
    private void Appeared(CatalogEntry entry, bool cancelled)
    {
        Shared.Changed(entry.Environment);
        if (cancelled)
        {
            LogTombstoneCancelled(log, entry.Environment, entry.Location);
        }

        if (statuses.Find(entry.Environment) is { } stale)
        {
            statuses.Set(stale with
            {
                Location = entry.Location,
                Result = "observing",
                WaitingFor = ["its spec (re)appeared: observing AWS afresh before reporting"],
                Problems = entry.Problems,
                TombstonedSince = null,
                PruneAt = null,
                PruneInSeconds = null,
            });
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (await queue.GetAsync(ct).ConfigureAwait(false) is { } environment)
        {
            Lease? lease = null;
            if (leases is not null && (lease = leases.Begin(environment)) is null)
            {
                // Another replica holds it (or nobody yet): not ours to look at. Acquiring its lease queues it again.
                LogNotHeld(log, environment, leases.ReplicaId);
                queue.Done(environment);
                continue;
            }

            var started = time.GetUtcNow();
            try
            {
                await ReconcileAsync(environment, lease, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (AwsCallException ex)
            {
                // An AWS error out of the pass (an observation that failed): one line, no stack; stacks are for our bugs.
                LogAwsFailed(log, environment, ex.Call, ex.Error.Code, ex.AwsMessage, ex.Error.RequestId ?? "none", Remedies.ForLog(ex));
                queue.AddRateLimited(environment);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogUnexpected(log, ex, environment);
                queue.AddRateLimited(environment);
            }
            finally
            {
                var ended = time.GetUtcNow();
                queue.Done(environment);
                if (lease is not null)
                {
                    leases!.End(environment);
                }

                PassObserved?.Invoke(new ReconcilePass(environment, leases?.ReplicaId, lease?.Generation, started, ended));
            }
        }
    }

    /// <summary>The check before each mutating pass of the engine; null without leases.</summary>
    private Func<CancellationToken, Task<bool>>? Fence(Lease? lease) => lease is null ? null : async t =>
    {
        if (await leases!.ConfirmAsync(lease, t).ConfigureAwait(false))
        {
            return true;
        }

        LogFenced(log, lease.Environment, lease.Holder, lease.Generation);
        return false;
    };

    private async Task ReconcileAsync(string environment, Lease? lease, CancellationToken ct)
    {
        var entry = catalog.Find(environment);
        if (entry is null)
        {
            statuses.Remove(environment);
            _rollouts.Forget(environment);
            Shared.Forget(environment);
            _held.TryRemove(environment, out _);
            return;
        }

        var document = entry.InForce.Document!;
        var graph = Graph(entry);
        var started = time.GetTimestamp();
        using var scope = log.BeginScope(new Dictionary<string, object> { ["ReconcileId"] = Guid.NewGuid().ToString("N")[..12], ["Environment"] = environment });

        if (entry.Removed)
        {
            await RemovedAsync(entry, graph, started, lease, ct).ConfigureAwait(false);
            return;
        }

        if (document.Spec.Mode == EnvironmentMode.Suspend)
        {
            Record(entry, "suspended", started, [], null, []);
            queue.AddAfter(environment, Jittered(options.Resync));
            return;
        }

        var options1 = new PlanOptions(document.Spec.Prune);
        var plan = await PlanAsync(graph, options1, ct).ConfigureAwait(false);
        if (document.Spec.Mode == EnvironmentMode.Detect || !plan.HasChanges)
        {
            var drift = DriftReporter.Records(plan, _ => "reported");
            DriftReporter.Log(log, drift);
            var rolling = _rollouts.Report(log, environment, plan);
            if (drift.Count > 0 || rolling.Count > 0)
            {
                Shared.Changed(environment);
            }

            Record(entry, drift.Count == 0 ? "in sync" : "drifted", started, drift, null, rolling);
            queue.Forget(environment);
            queue.AddAfter(environment, NextResync(rolling));
            return;
        }

        var held = Held(environment);
        ApplyResult result;
        try
        {
            result = await engine.ApplyAsync(graph, options1, ct, waitInline: false, initial: plan, beforePass: Fence(lease),
                holdBack: held.ToDictionary(h => h.Key, h => h.Value.Reason, StringComparer.Ordinal)).ConfigureAwait(false);
        }
        finally
        {
            // Marked after the apply (failed or not): any snapshot taken while it ran is older, so not used for it.
            Shared.Changed(environment);
        }
        if (result.Fenced)
        {
            return; // the lease was lost: the new holder reconciles it
        }

        var records = DriftReporter.Records(plan, DriftReporter.ActionsOf(result));
        DriftReporter.Log(log, records);
        var rollouts = _rollouts.Report(log, environment, result.FinalPlan);
        if (result.Failed.Any(f => !f.Terminal))
        {
            Record(entry, "failed", started, records, result, rollouts);
            queue.AddRateLimited(environment);
            return;
        }

        // Errors retrying cannot fix are tried again only on the long schedule; the rest of the environment goes on
        // converging meanwhile (its waits bring it back sooner, with those steps held back).
        foreach (var failure in result.Failed)
        {
            held[failure.Step.LogicalId] = (time.GetUtcNow() + options.Backoff.MaxDelay,
                $"held back until {time.GetUtcNow() + options.Backoff.MaxDelay:u} after a failure that retrying cannot fix: {failure.Message}");
        }

        if (held.Count > 0)
        {
            Record(entry, "failed", started, records, result, [.. result.Failed.Concat(result.Steps.Where(r => r.Outcome == StepOutcome.Skipped && r.Terminal))
                .Select(f => $"{f.Step.LogicalId}: {f.Message}").Distinct(StringComparer.Ordinal), .. rollouts]);
            var untilRetry = held.Values.Min(h => h.Until) - time.GetUtcNow();
            queue.AddAfter(environment, result.RequeueAfter is { } soon && soon < untilRetry ? soon : untilRetry);
            return;
        }

        queue.Forget(environment);
        if (result.RequeueAfter is { } wait)
        {
            Record(entry, "waiting", started, records, result, [.. result.Waiting.Select(w => $"{w.Step.LogicalId}: {w.Message}"), .. rollouts]);
            queue.AddAfter(environment, wait);
            return;
        }

        Record(entry, result.Converged ? "repaired" : "drifted", started, records, result, rollouts);
        queue.AddAfter(environment, NextResync(rollouts));
    }

    /// <summary>The next periodic pass: sooner while a rollout is in progress, so that its outcome is reported when it comes.</summary>
    private TimeSpan NextResync(IReadOnlyList<string> rolling)
    {
        var resync = Jittered(options.Resync);
        return rolling.Count > 0 && RolloutPoll < resync ? RolloutPoll : resync;
    }

    private async Task RemovedAsync(CatalogEntry entry, ResourceGraph graph, long started, Lease? lease, CancellationToken ct)
    {
        var document = entry.InForce.Document!;
        if (engine.IsSelf(entry.Environment))
        {
            // Its spec is gone, but the controller runs on it: removing the file must not take the controller down.
            LogSelfKept(log, entry.Environment, entry.Location);
            Record(entry, "protected", started, [], null, []);
            queue.AddAfter(entry.Environment, Jittered(options.Resync));
            return;
        }

        if (!document.Spec.Prune)
        {
            var plan = await engine.PlanAsync(graph, new PlanOptions(Prune: false, Destroy: true), ct).ConfigureAwait(false);
            var owned = plan.Steps.Count(s => s.Observed is not null);
            LogOrphaned(log, entry.Environment, entry.Location, owned);
            Record(entry, "orphaned", started, [], null, []);
            queue.AddAfter(entry.Environment, Jittered(options.Resync));
            return;
        }

        if (!catalog.PruneDue(entry.Environment))
        {
            // A tombstone within its grace (or short of two complete listings, or its source not trusted now): no AWS
            // call at all; it comes back when the grace ends, and the listing that makes it due queues it too.
            var tombstone = entry.Tombstone;
            var left = tombstone?.Left(time.GetUtcNow()) ?? options.Rescan;
            var seen = tombstone?.Listings ?? 0;
            LogTombstonePending(log, entry.Environment, entry.Location, left, seen, Tombstone.MinListings);
            Record(entry, "tombstoned", started, [], null,
                [$"spec gone since {tombstone?.Since:u}: pruned after {tombstone?.PruneAt:u} and {Tombstone.MinListings} complete listings without it ({seen} so far), unless it returns"],
                tombstone);
            queue.AddAfter(entry.Environment, left > TimeSpan.Zero ? left : options.Rescan);
            return;
        }

        LogPruning(log, entry.Environment, entry.Location, time.GetUtcNow() - entry.Tombstone!.Since, entry.Tombstone.Listings);
        LogDestroying(log, entry.Environment, entry.Location);
        ApplyResult result;
        try
        {
            result = await engine.ApplyAsync(graph, new PlanOptions(Prune: true, Destroy: true), ct, waitInline: false, beforePass: Fence(lease)).ConfigureAwait(false);
        }
        finally
        {
            // Any snapshot taken before now may show it whole: should its spec return, it is observed on its own.
            Shared.Changed(entry.Environment);
        }

        if (result.Fenced)
        {
            return;
        }

        if (result.Converged && result.RequeueAfter is null)
        {
            catalog.Forget(entry.Environment);
            statuses.Remove(entry.Environment);
            _rollouts.Forget(entry.Environment);
            metrics.Reconciled("destroyed", time.GetElapsedTime(started), []);
            return;
        }

        Record(entry, result.Failed.Count > 0 ? "failed" : "destroying", started, [], result, result.Waiting.Select(w => $"{w.Step.LogicalId}: {w.Message}").ToList());
        queue.AddAfter(entry.Environment, result.RequeueAfter ?? queue.AddRateLimited(entry.Environment));
    }

    /// <summary>
    /// The plan of one environment: from the region's shared observation when it is recent and the environment has not
    /// changed since; a plan from it that shows changes is confirmed by reading this environment afresh (the
    /// confirmation read), so drift is reported, and acted on, only from what AWS says now.
    /// </summary>
    private async Task<Plan> PlanAsync(ResourceGraph graph, PlanOptions planOptions, CancellationToken ct)
    {
        if (options.SharedObservationMaxAge != TimeSpan.Zero &&
            await Shared.TryGetAsync(graph, () => RegionGraphs(graph.Region), ct).ConfigureAwait(false) is { } observed)
        {
            var plan = engine.Plan(graph, observed, planOptions);
            if (!plan.HasChanges)
            {
                return plan;
            }

            LogConfirming(log, graph.Environment, plan.Summary);
        }

        return await engine.PlanAsync(graph, planOptions, ct).ConfigureAwait(false);
    }

    /// <summary>The graphs of every environment of a region this replica reconciles (not removed, not suspended, its lease held).</summary>
    private List<ResourceGraph> RegionGraphs(string region)
    {
        var graphs = new List<ResourceGraph>();
        foreach (var entry in catalog.Entries)
        {
            // With several replicas, each observes only the environments it holds.
            if (entry.Removed || entry.InForce.Document is not { } document || document.Spec.Mode == EnvironmentMode.Suspend ||
                (leases is not null && leases.Find(entry.Environment) is null))
            {
                continue;
            }

            var graph = Graph(entry);
            if (graph.Region == region)
            {
                graphs.Add(graph);
            }
        }

        return graphs;
    }

    /// <summary>The environment's held-back steps whose backoff has not ended (expired ones are dropped: they are tried now).</summary>
    private Dictionary<string, (DateTimeOffset Until, string Reason)> Held(string environment)
    {
        var held = _held.GetOrAdd(environment, _ => new Dictionary<string, (DateTimeOffset, string)>(StringComparer.Ordinal));
        foreach (var expired in held.Where(h => h.Value.Until <= time.GetUtcNow()).Select(h => h.Key).ToList())
        {
            held.Remove(expired);
        }

        return held;
    }

    /// <summary>
    /// The graph of the spec in force, built by the load pipeline: a spec whose graph fails is invalid there, so it never
    /// comes into force (its errors are the entry's problems, in the status, until the file changes).
    /// </summary>
    private static ResourceGraph Graph(CatalogEntry entry) => entry.InForce.Graph!;

    private void Record(CatalogEntry entry, string result, long started, IReadOnlyList<DriftRecord> drift, ApplyResult? applied, IReadOnlyList<string> waiting, Tombstone? tombstone = null)
    {
        var duration = time.GetElapsedTime(started);
        var repaired = drift.Count(d => d.Action == "repaired");
        var failed = applied?.Failed.Count ?? 0;
        metrics.Reconciled(result, duration, drift);
        var lease = leases?.Find(entry.Environment);
        if (leases is not null && lease is null)
        {
            // Lost meanwhile: the replica that holds it now reports it.
            LogSummary(log, entry.Environment, result, drift.Count, repaired, failed, duration.TotalSeconds);
            return;
        }

        statuses.Set(new EnvironmentStatus(
            entry.Environment,
            entry.Location,
            entry.InForce.Document!.Spec.Mode.ToString().ToLowerInvariant(),
            result,
            time.GetUtcNow(),
            Math.Round(duration.TotalSeconds, 3),
            drift.Count,
            repaired,
            failed,
            waiting,
            entry.Problems,
            null)
        {
            Replica = lease?.Holder,
            LeaseGeneration = lease?.Generation,
            TombstonedSince = tombstone?.Since,
            PruneAt = tombstone?.PruneAt,
        });
        LogSummary(log, entry.Environment, result, drift.Count, repaired, failed, duration.TotalSeconds);
    }

    private TimeSpan Jittered(TimeSpan period) =>
        TimeSpan.FromMilliseconds(period.TotalMilliseconds * (1 + (((Random.Shared.NextDouble() * 2) - 1) * options.ResyncJitter)));

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Reconciled {Environment}: {Result}, {DriftCount} drifted field(s), {Repaired} repaired, {Failed} failed, in {DurationSeconds:0.###} s")]
    private static partial void LogSummary(ILogger logger, string environment, string result, int driftCount, int repaired, int failed, double durationSeconds);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Spec of {Environment} not applied; the last valid one stays in force: {Problem}")]
    private static partial void LogSpecProblem(ILogger logger, string environment, string problem);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "Spec file {Location} is not applied: {Problem}")]
    private static partial void LogRejected(ILogger logger, string location, string problem);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Source {Source} could not be read completely; nothing is removed because of it: {Error}")]
    private static partial void LogSourceError(ILogger logger, string source, string error);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Spec of {Environment} ({Location}) was removed; prune is off, so its {Owned} resource(s) are left in place (orphaned)")]
    private static partial void LogOrphaned(ILogger logger, string environment, string location, int owned);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Spec of {Environment} ({Location}) was removed and it prunes: deleting what it owns, in reverse order")]
    private static partial void LogDestroying(ILogger logger, string environment, string location);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "Resync marker of {Source} changed: resyncing every environment")]
    private static partial void LogResyncMarker(ILogger logger, string source);
    [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "Spec of {Environment} ({Location}) was removed, but the controller runs on it (RECONCILER_SELF_ENVIRONMENT): nothing of it is deleted")]
    private static partial void LogSelfKept(ILogger logger, string environment, string location);

    [LoggerMessage(EventId = 209, Level = LogLevel.Debug, Message = "{Environment}: the shared observation shows {Summary}; reading it afresh before reporting or acting")]
    private static partial void LogConfirming(ILogger logger, string environment, string summary);

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "Lease of {Environment} no longer held by replica {Replica} with generation {Generation}: abandoning the pass without changing anything")]
    private static partial void LogFenced(ILogger logger, string environment, string replica, long generation);

    [LoggerMessage(EventId = 411, Level = LogLevel.Debug, Message = "{Environment} skipped: replica {Replica} does not hold its lease")]
    private static partial void LogNotHeld(ILogger logger, string environment, string replica);

    [LoggerMessage(EventId = 412, Level = LogLevel.Warning, Message = "Replica {Replica} stopped without releasing its leases; they lapse after one lease period: {Error}")]
    private static partial void LogLeasesNotReleased(ILogger logger, string replica, string error);

    [LoggerMessage(EventId = 260, Level = LogLevel.Error, Message = "Reconcile of {Environment} failed; backing off: {Operation} answered {ErrorCode}: {Message} (request {RequestId}; remedy: {Remedy})")]
    private static partial void LogAwsFailed(ILogger logger, string environment, string operation, string errorCode, string message, string requestId, string remedy);

    [LoggerMessage(EventId = 230, Level = LogLevel.Warning, Message = "Spec of {Environment} ({Location}) is gone: tombstoned; it is pruned after {Grace} (at {PruneAt:u}) and {MinListings} complete listings without it, unless it returns")]
    private static partial void LogTombstoned(ILogger logger, string environment, string location, TimeSpan grace, DateTimeOffset pruneAt, int minListings);

    [LoggerMessage(EventId = 231, Level = LogLevel.Information, Message = "Tombstone of {Environment} ({Location}): {Left} left before its prune, {Listings} of {MinListings} complete listings without its spec; nothing is changed meanwhile")]
    private static partial void LogTombstonePending(ILogger logger, string environment, string location, TimeSpan left, int listings, int minListings);

    [LoggerMessage(EventId = 232, Level = LogLevel.Information, Message = "Spec of {Environment} is back ({Location}): tombstone cancelled, nothing was pruned")]
    private static partial void LogTombstoneCancelled(ILogger logger, string environment, string location);

    [LoggerMessage(EventId = 233, Level = LogLevel.Warning, Message = "Tombstone of {Environment} ({Location}) held for {Held} over {Listings} complete listings: pruning")]
    private static partial void LogPruning(ILogger logger, string environment, string location, TimeSpan held, int listings);

    [LoggerMessage(EventId = 234, Level = LogLevel.Warning, Message = "Removals from {Source} are held: {Guard}")]
    private static partial void LogGuard(ILogger logger, string source, string guard);

    [LoggerMessage(EventId = 235, Level = LogLevel.Information, Message = "Listings of {Source} look whole again: removals from it are taken into account")]
    private static partial void LogGuardLifted(ILogger logger, string source);

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "Reconcile of {Environment} failed unexpectedly; backing off")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string environment);
}
