using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Engine;
using Reconciler.Leases;
using Reconciler.Telemetry;

namespace Reconciler.Controller;

/// <summary>
/// The controller: scans the sources (on events and periodically), keeps the catalog of environments, and runs a
/// bounded number of workers over a level-based queue of environment names. A pass is the
/// <see cref="EnvironmentReconciler"/>'s; this service maps its <see cref="ReconcileResult"/> to the queue and the
/// status store (<see cref="Map"/>): long waits come back through the queue, failures back off per environment, and a
/// periodic, jittered resync reports and (in enforce mode) repairs drift. With <paramref name="leases"/> (several replicas), only environments whose lease
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
    LeaseCoordinator? leases = null,
    Web.DashboardHistory? history = null,
    S3EventListener? events = null) : BackgroundService
{
    private readonly SemaphoreSlim _rescan = new(0);

    /// <summary>The budget warnings already logged (<see cref="ReportPolicyBudget"/>).</summary>
    private readonly HashSet<string> _budgetReported = new(StringComparer.Ordinal);

    /// <summary>What one pass of an environment does; this service only schedules it and maps its result to the queue.</summary>
    private readonly EnvironmentReconciler _reconciler = new(options, catalog, engine, time, log, leases is null ? null : e => leases!.Find(e) is not null);

    /// <summary>The shared observation of each region's environments (the informer); see <see cref="SharedObservation"/>.</summary>
    public SharedObservation Shared => _reconciler.Shared;

    /// <summary>How soon an environment is looked at again while one of its services rolls out.</summary>
    public static TimeSpan RolloutPoll => EnvironmentReconciler.RolloutPoll;

    /// <summary>Told of every pass when it ends (tests record them; nothing in the controller depends on it).</summary>
    public Action<ReconcilePass>? PassObserved { get; init; }

    /// <summary>Queues every environment now (on-demand resync), or one; either way what AWS says now is read, not a shared snapshot.</summary>
    public void Resync(string? environment = null)
    {
        if (environment is null)
        {
            Shared.Invalidate();
        }
        else
        {
            Shared.Changed(environment);
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
                history?.Forget(environment);
                _reconciler.Dropped(environment);
            };
        }

        var soon = await ScanAsync(stoppingToken).ConfigureAwait(false);
        statuses.Ready = true;
        var workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => WorkAsync(stoppingToken)).ToList();
        var leaseRounds = leases?.RunAsync(() => [.. catalog.Entries.Select(e => e.Environment)], stoppingToken);
        // S3 event notifications (run --events): each names keys to its source, whose Changed event starts a scan below.
        var listening = events?.RunAsync(stoppingToken);
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
            if (listening is not null)
            {
                await listening.ConfigureAwait(false);
            }

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
        var changedAny = false;
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
            var applied = catalog.Apply(listing);
            changedAny |= applied.Count > 0;
            foreach (var environment in applied)
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

            // An event named a spec whose listing changed nothing (the same bytes put again): it is looked at now all the
            // same, against what AWS says now, as an on-demand resync of that environment. A removed key needs nothing
            // here: the listing without it made its tombstone above, as any listing would.
            foreach (var touched in listing.Touched)
            {
                if (catalog.Entries.FirstOrDefault(e => e.Location == touched && !e.Removed) is { } entry && !applied.Contains(entry.Environment))
                {
                    Resync(entry.Environment);
                }
            }
        }

        foreach (var (location, problems) in catalog.TakeRejections())
        {
            foreach (var problem in problems)
            {
                LogRejected(log, location, problem);
            }
        }

        if (changedAny)
        {
            ReportPolicyBudget();
        }

        return soon;
    }

    /// <summary>
    /// The specs in force, across sources, against IAM's cap on a shared execution role's inline policies
    /// (<see cref="Kinds.SharedRolePolicyBudget"/>): each warning is logged once, when it first appears or changes.
    /// </summary>
    private void ReportPolicyBudget()
    {
        var warnings = Kinds.SharedRolePolicyBudget.Check([.. catalog.Entries.Where(e => !e.Removed).Select(e => e.InForce)]).Select(w => w.ToString()).ToList();
        foreach (var warning in warnings.Where(_budgetReported.Add))
        {
            LogPolicyBudget(log, warning);
        }

        _budgetReported.IntersectWith(warnings);
    }

    [LoggerMessage(EventId = 213, Level = LogLevel.Warning, Message = "Shared execution role near IAM's inline-policy cap: {Warning}")]
    private static partial void LogPolicyBudget(ILogger logger, string warning);

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
            history?.Changed();
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
            var fenced = false;
            // A span per pass (its steps and AWS calls are its children), and its trace id on every log event of the
            // pass, the summary included: a scope, as the reconciler's ReconcileId is.
            using var pass = ReconcilerTelemetry.StartPass(environment);
            using var traced = pass is null ? null : log.BeginScope(new Dictionary<string, object> { ["TraceId"] = pass.TraceId.ToHexString() });
            try
            {
                var result = await _reconciler.ReconcileAsync(environment, ct, Fence(lease, () => fenced = true)).ConfigureAwait(false);
                Traced(pass, result);
                Map(environment, result);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                var ended = time.GetUtcNow();
                queue.Done(environment);
                if (lease is not null)
                {
                    leases!.End(environment);
                }

                PassObserved?.Invoke(new ReconcilePass(environment, leases?.ReplicaId, lease?.Generation, started, ended, fenced));
            }
        }
    }

    /// <summary>Tags a pass's span with its result: the outcome, the one-word state, the drifted field count; failed when it failed.</summary>
    private static void Traced(System.Diagnostics.Activity? pass, ReconcileResult result)
    {
        if (pass is null)
        {
            return;
        }

        pass.SetTag(TelemetryTags.Outcome, result.Outcome.ToString().ToLowerInvariant());
        pass.SetTag(TelemetryTags.Result, result.State);
        pass.SetTag(TelemetryTags.DriftCount, result.Drift.Count);
        pass.SetTag(TelemetryTags.Mode, result.Status?.Mode);
        if (result.Outcome == ReconcileOutcome.Failed)
        {
            ReconcilerTelemetry.Failed(pass, result.Terminal ? "Terminal" : "Retryable", result.Error);
        }
    }

    /// <summary>The check before each mutating pass of the engine; null without leases.</summary>
    private Func<CancellationToken, Task<bool>>? Fence(Lease? lease, Action lost) => lease is null ? null : async t =>
    {
        if (await leases!.ConfirmAsync(lease, t).ConfigureAwait(false))
        {
            return true;
        }

        lost();
        LogFenced(log, lease.Environment, lease.Holder, lease.Generation);
        return false;
    };

    /// <summary>
    /// The one mapping from a reconcile's result to the queue and the status store, as controller-runtime's does: done or
    /// waiting resets the backoff and comes back after the resync or the wait; a retryable failure backs off
    /// exponentially; a terminal one comes back when its hold ends; a gone environment's status is removed.
    /// </summary>
    internal void Map(string environment, ReconcileResult result)
    {
        if (result.State is { } state)
        {
            metrics.Reconciled(state, result.Duration, result.Drift, result.Status?.Target);
        }

        if (result.Status is { } status)
        {
            Publish(status);
        }

        TimeSpan? next = null;
        switch (result.Outcome)
        {
            case ReconcileOutcome.Done or ReconcileOutcome.Requeue:
                queue.Forget(environment);
                next = result.After ?? options.Resync;
                queue.AddAfter(environment, next.Value);
                break;
            case ReconcileOutcome.Failed when result.Terminal && result.After is { } retry:
                next = retry;
                queue.AddAfter(environment, retry);
                break;
            case ReconcileOutcome.Failed:
                queue.AddRateLimited(environment);
                break;
            case ReconcileOutcome.Gone:
                statuses.Remove(environment);
                history?.Forget(environment);
                return;
        }

        if (result.Outcome != ReconcileOutcome.Abandoned)
        {
            history?.Record(environment, result, next);
        }
    }

    /// <summary>Publishes a pass's status, with the lease it ran under; lost meanwhile, the replica that holds it now reports it.</summary>
    private void Publish(EnvironmentStatus status)
    {
        var lease = leases?.Find(status.Environment);
        if (leases is null || lease is not null)
        {
            statuses.Set(status with { Replica = lease?.Holder, LeaseGeneration = lease?.Generation });
        }

        LogSummary(log, status.Environment, status.Result, status.DriftCount, status.Repaired, status.Failed, status.LastDurationSeconds);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Reconciled {Environment}: {Result}, {DriftCount} drifted field(s), {Repaired} repaired, {Failed} failed, in {DurationSeconds:0.###} s")]
    private static partial void LogSummary(ILogger logger, string environment, string result, int driftCount, int repaired, int failed, double durationSeconds);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Spec of {Environment} not applied; the last valid one stays in force: {Problem}")]
    private static partial void LogSpecProblem(ILogger logger, string environment, string problem);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "Spec file {Location} is not applied: {Problem}")]
    private static partial void LogRejected(ILogger logger, string location, string problem);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Source {Source} could not be read completely; nothing is removed because of it: {Error}")]
    private static partial void LogSourceError(ILogger logger, string source, string error);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "Resync marker of {Source} changed: resyncing every environment")]
    private static partial void LogResyncMarker(ILogger logger, string source);
    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "Lease of {Environment} no longer held by replica {Replica} with generation {Generation}: abandoning the pass without changing anything")]
    private static partial void LogFenced(ILogger logger, string environment, string replica, long generation);

    [LoggerMessage(EventId = 411, Level = LogLevel.Debug, Message = "{Environment} skipped: replica {Replica} does not hold its lease")]
    private static partial void LogNotHeld(ILogger logger, string environment, string replica);

    [LoggerMessage(EventId = 412, Level = LogLevel.Warning, Message = "Replica {Replica} stopped without releasing its leases; they lapse after one lease period: {Error}")]
    private static partial void LogLeasesNotReleased(ILogger logger, string replica, string error);

    [LoggerMessage(EventId = 230, Level = LogLevel.Warning, Message = "Spec of {Environment} ({Location}) is gone: tombstoned; it is pruned after {Grace} (at {PruneAt:u}) and {MinListings} complete listings without it, unless it returns")]
    private static partial void LogTombstoned(ILogger logger, string environment, string location, TimeSpan grace, DateTimeOffset pruneAt, int minListings);

    [LoggerMessage(EventId = 232, Level = LogLevel.Information, Message = "Spec of {Environment} is back ({Location}): tombstone cancelled, nothing was pruned")]
    private static partial void LogTombstoneCancelled(ILogger logger, string environment, string location);

    [LoggerMessage(EventId = 234, Level = LogLevel.Warning, Message = "Removals from {Source} are held: {Guard}")]
    private static partial void LogGuard(ILogger logger, string source, string guard);

    [LoggerMessage(EventId = 235, Level = LogLevel.Information, Message = "Listings of {Source} look whole again: removals from it are taken into account")]
    private static partial void LogGuardLifted(ILogger logger, string source);
}
