using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Aws.Accounts;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Model.Spec;

namespace Reconciler.Controller;

/// <summary>
/// One reconcile of one environment, in the manner of controller-runtime's <c>Reconciler</c>: reads the spec in force
/// from the catalog, observes (through the region's shared observation), plans, applies or only reports per mode,
/// reports drift and rollouts, and answers a <see cref="ReconcileResult"/>. It never touches the queue or the status
/// store: the controller maps the result to both, in one place. It holds what lives across passes of an environment:
/// the held-back failures, the rollouts last reported, the expanded graphs and the shared observation.
/// </summary>
/// <param name="reconciledHere">Whether this replica reconciles an environment (holds its lease); null: all of them.</param>
internal sealed partial class EnvironmentReconciler(
    ControllerOptions options,
    SpecCatalog catalog,
    ReconcileEngine engine,
    TimeProvider time,
    ILogger log,
    Func<string, bool>? reconciledHere = null)
{
    private readonly RolloutReporter _rollouts = new();
    private readonly ConcurrentDictionary<string, HeldFailures> _held = new(StringComparer.Ordinal);

    /// <summary>How soon an environment is looked at again while one of its services rolls out.</summary>
    public static readonly TimeSpan RolloutPoll = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The shared observation of each region's environments (the informer); see <see cref="SharedObservation"/>. Built
    /// with the reconciler: workers reach it concurrently from their first pass, so it must not be created lazily.
    /// </summary>
    public SharedObservation Shared { get; } = new(engine, time, options.SharedObservationMaxAge ?? options.Resync * 0.9, log, options.DetailEvery);

    /// <summary>The failures held back for <paramref name="environment"/> (terminal ones until the long backoff, <see cref="WorkQueueOptions.MaxDelay"/>, ends).</summary>
    private HeldFailures Held(string environment) => _held.GetOrAdd(environment, _ => new HeldFailures(time, options.Backoff.MaxDelay));

    /// <summary>Another replica took the environment: what was reported of its rollouts is for that one to say.</summary>
    public void Dropped(string environment) => _rollouts.Forget(environment);

    /// <summary>
    /// Reconciles <paramref name="environment"/> once. <paramref name="fence"/>, when given, is asked before each pass that
    /// changes AWS (the lease check); false abandons the reconcile with nothing more changed. An AWS error or a bug
    /// comes back as a retryable <see cref="ReconcileResult.Failed"/>, logged here.
    /// </summary>
    public async Task<ReconcileResult> ReconcileAsync(string environment, CancellationToken ct, Func<CancellationToken, Task<bool>>? fence = null)
    {
        try
        {
            return await ReconcileOnceAsync(environment, fence, ct).ConfigureAwait(false);
        }
        catch (AccountMismatchException ex)
        {
            // Terminal: other credentials will not appear by retrying. Held for the long backoff, nothing changed.
            LogWrongAccount(log, ex.Environment, ex.Expected, ex.Actual);
            return WrongAccount(environment, ex);
        }
        catch (AwsCallException ex)
        {
            // An AWS error out of the pass (an observation that failed): one line, no stack; stacks are for our bugs.
            AwsFailureLog.Write(log, LogLevel.Error, $"Reconcile of {environment} failed; backing off", ex,
                scope: new Dictionary<string, object> { ["Environment"] = environment });
            return ReconcileResult.Failed($"{ex.Call} answered {ex.Error.Code}", terminal: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogUnexpected(log, ex, environment);
            return ReconcileResult.Failed(ex.GetType().Name, terminal: false);
        }
    }

    private async Task<ReconcileResult> ReconcileOnceAsync(string environment, Func<CancellationToken, Task<bool>>? fence, CancellationToken ct)
    {
        var entry = catalog.Find(environment);
        if (entry is null)
        {
            Forget(environment);
            return ReconcileResult.Gone;
        }

        var document = entry.InForce.Document!;
        var graph = Graph(entry);
        var started = time.GetTimestamp();
        using var scope = log.BeginScope(new Dictionary<string, object> { ["ReconcileId"] = Guid.NewGuid().ToString("N")[..12], ["Environment"] = environment });

        if (entry.Removed)
        {
            return await RemovedAsync(entry, graph, started, fence, ct).ConfigureAwait(false);
        }

        if (document.Spec.Mode == EnvironmentMode.Suspend)
        {
            return Report(ReconcileResult.Done(Jittered(options.Resync)), entry, "suspended", started, [], null, []);
        }

        if (graph.Target.AccountId is null && catalog.Entries.FirstOrDefault(e => e.InForce.Graph?.Target.AccountId is not null) is { } named)
        {
            // Once one environment of the catalog names its account, each must: none is reconciled unchecked.
            var message = $"spec.account.id is missing, and environment {named.Environment} names its account: every environment must name its own";
            return Report(ReconcileResult.Failed(message, terminal: true, options.Backoff.MaxDelay), entry, "invalid", started, [], null, [message]);
        }

        var planOptions = new PlanOptions(document.Spec.Prune);
        var plan = await PlanAsync(graph, planOptions, ct).ConfigureAwait(false);
        if (document.Spec.Mode == EnvironmentMode.Detect || !plan.HasChanges)
        {
            var drift = DriftReporter.Records(plan, _ => "reported");
            DriftReporter.Log(log, drift);
            var rolling = _rollouts.Report(log, environment, plan);
            if (drift.Count > 0 || rolling.Count > 0)
            {
                Shared.Changed(environment);
            }

            return Report(ReconcileResult.Done(NextResync(rolling)), entry, drift.Count == 0 ? "in sync" : "drifted", started, drift, null, rolling, plan: plan);
        }

        var held = Held(environment);
        held.Begin(graph);
        ApplyResult result;
        try
        {
            result = await engine.ApplyAsync(graph, planOptions, ct, waitInline: false, initial: plan, beforePass: fence, held: held).ConfigureAwait(false);
        }
        finally
        {
            // Marked after the apply (failed or not): any snapshot taken while it ran is older, so not used for it.
            Shared.Changed(environment);
        }

        if (result.Fenced)
        {
            return ReconcileResult.Abandoned; // the lease was lost: the new holder reconciles it
        }

        var records = DriftReporter.Records(plan, DriftReporter.ActionsOf(result));
        DriftReporter.Log(log, records);
        var rollouts = _rollouts.Report(log, environment, result.FinalPlan);
        if (result.Failed.FirstOrDefault(f => !f.Terminal) is { } retryable)
        {
            return Report(ReconcileResult.Failed($"{retryable.Step.LogicalId}: {retryable.Message}", terminal: false), entry, "failed", started, records, result, rollouts);
        }

        // Errors retrying cannot fix are tried again only when their hold ends; the rest of the environment goes on
        // converging meanwhile (its waits bring it back sooner, with those steps held back).
        if (held.UntilNextRetry is { } untilRetry)
        {
            var after = result.RequeueAfter is { } soon && soon < untilRetry ? soon : untilRetry;
            var failures = result.Failed.Concat(result.Steps.Where(r => r.Outcome == StepOutcome.Skipped && r.Terminal))
                .Select(f => $"{f.Step.LogicalId}: {f.Message}").Distinct(StringComparer.Ordinal).ToList();
            return Report(ReconcileResult.Failed(failures.FirstOrDefault() ?? "held back", terminal: true, after), entry, "failed", started, records, result, [.. failures, .. rollouts]);
        }

        if (result.RequeueAfter is { } wait)
        {
            return Report(ReconcileResult.RequeueAfter(wait), entry, "waiting", started, records, result, [.. result.Waiting.Select(w => $"{w.Step.LogicalId}: {w.Message}"), .. rollouts]);
        }

        return Report(ReconcileResult.Done(NextResync(rollouts)), entry, result.Converged ? "repaired" : "drifted", started, records, result, rollouts);
    }

    /// <summary>The next periodic pass: sooner while a rollout is in progress, so that its outcome is reported when it comes.</summary>
    private TimeSpan NextResync(IReadOnlyList<string> rolling)
    {
        var resync = Jittered(options.Resync);
        return rolling.Count > 0 && RolloutPoll < resync ? RolloutPoll : resync;
    }

    private async Task<ReconcileResult> RemovedAsync(CatalogEntry entry, ResourceGraph graph, long started, Func<CancellationToken, Task<bool>>? fence, CancellationToken ct)
    {
        var document = entry.InForce.Document!;
        if (engine.IsSelf(entry.Environment))
        {
            // Its spec is gone, but the controller runs on it: removing the file must not take the controller down.
            LogSelfKept(log, entry.Environment, entry.Location);
            return Report(ReconcileResult.Done(Jittered(options.Resync)), entry, "protected", started, [], null, []);
        }

        if (!document.Spec.Prune)
        {
            var plan = await engine.PlanAsync(graph, new PlanOptions(Prune: false, Destroy: true), ct).ConfigureAwait(false);
            var owned = plan.Steps.Count(s => s.Observed is not null);
            LogOrphaned(log, entry.Environment, entry.Location, owned);
            return Report(ReconcileResult.Done(Jittered(options.Resync)), entry, "orphaned", started, [], null, [], plan: plan);
        }

        if (!catalog.PruneDue(entry.Environment))
        {
            // A tombstone within its grace (or short of two complete listings, or its source not trusted now): no AWS
            // call at all; it comes back when the grace ends, and the listing that makes it due queues it too.
            var tombstone = entry.Tombstone;
            var left = tombstone?.Left(time.GetUtcNow()) ?? options.Rescan;
            var seen = tombstone?.Listings ?? 0;
            LogTombstonePending(log, entry.Environment, entry.Location, left, seen, Tombstone.MinListings);
            return Report(ReconcileResult.Done(left > TimeSpan.Zero ? left : options.Rescan), entry, "tombstoned", started, [], null,
                [$"spec gone since {tombstone?.Since:u}: pruned after {tombstone?.PruneAt:u} and {Tombstone.MinListings} complete listings without it ({seen} so far), unless it returns"],
                tombstone);
        }

        LogPruning(log, entry.Environment, entry.Location, time.GetUtcNow() - entry.Tombstone!.Since, entry.Tombstone.Listings);
        LogDestroying(log, entry.Environment, entry.Location);
        ApplyResult result;
        try
        {
            result = await engine.ApplyAsync(graph, new PlanOptions(Prune: true, Destroy: true), ct, waitInline: false, beforePass: fence).ConfigureAwait(false);
        }
        finally
        {
            // Any snapshot taken before now may show it whole: should its spec return, it is observed on its own.
            Shared.Changed(entry.Environment);
        }

        if (result.Fenced)
        {
            return ReconcileResult.Abandoned;
        }

        if (result.Converged && result.RequeueAfter is null)
        {
            catalog.Forget(entry.Environment);
            _rollouts.Forget(entry.Environment);
            _held.TryRemove(entry.Environment, out _);
            return ReconcileResult.Gone with { State = "destroyed", Duration = time.GetElapsedTime(started) };
        }

        var state = result.Failed.Count > 0 ? "failed" : "destroying";
        var next = result.RequeueAfter is { } wait ? ReconcileResult.RequeueAfter(wait) : ReconcileResult.Failed($"{entry.Environment}: {state}", terminal: false);
        return Report(next, entry, state, started, [], result, result.Waiting.Select(w => $"{w.Step.LogicalId}: {w.Message}").ToList());
    }

    /// <summary>Forgets an environment that left the catalog (pruned, or gone before it was ever applied).</summary>
    private void Forget(string environment)
    {
        _rollouts.Forget(environment);
        Shared.Forget(environment);
        _held.TryRemove(environment, out _);
    }

    /// <summary>
    /// The plan of one environment: from the region's shared observation when it is recent and the environment has not
    /// changed since, confirmed by a fresh read where it shows changes (<see cref="SharedObservation.PlanAsync"/>).
    /// </summary>
    private Task<Plan> PlanAsync(ResourceGraph graph, PlanOptions planOptions, CancellationToken ct) =>
        options.SharedObservationMaxAge == TimeSpan.Zero
            ? engine.PlanAsync(graph, planOptions, ct)
            : Shared.PlanAsync(graph, planOptions, () => RegionGraphs(graph.Target.ObservationKey), ct);


    /// <summary>
    /// The graphs of every environment this replica reconciles (not removed, not suspended, its lease held) that is
    /// observed like <paramref name="observationKey"/>: same region, same account credentials.
    /// </summary>
    private List<ResourceGraph> RegionGraphs(string observationKey)
    {
        var graphs = new List<ResourceGraph>();
        foreach (var entry in catalog.Entries)
        {
            // With several replicas, each observes only the environments it holds.
            if (entry.Removed || entry.InForce.Document is not { } document || document.Spec.Mode == EnvironmentMode.Suspend ||
                (reconciledHere is not null && !reconciledHere(entry.Environment)))
            {
                continue;
            }

            var graph = Graph(entry);
            if (graph.Target.ObservationKey == observationKey)
            {
                graphs.Add(graph);
            }
        }

        return graphs;
    }

    /// <summary>
    /// The graph of the spec in force, built by the load pipeline: a spec whose graph fails is invalid there, so it never
    /// comes into force (its errors are the entry's problems, in the status, until the file changes).
    /// </summary>
    private static ResourceGraph Graph(CatalogEntry entry) => entry.InForce.Graph!;

    /// <summary>The result with what to report of the pass: its state, drift and the status to publish.</summary>
    private ReconcileResult Report(ReconcileResult result, CatalogEntry entry, string state, long started, IReadOnlyList<DriftRecord> drift, ApplyResult? applied, IReadOnlyList<string> waiting, Tombstone? tombstone = null, Plan? plan = null)
    {
        var duration = time.GetElapsedTime(started);
        return result with
        {
            State = state,
            Plan = applied?.FinalPlan ?? plan,
            Applied = applied,
            Duration = duration,
            Drift = drift,
            Status = new EnvironmentStatus(
                entry.Environment,
                entry.Location,
                entry.InForce.Document!.Spec.Mode.ToString().ToLowerInvariant(),
                state,
                time.GetUtcNow(),
                Math.Round(duration.TotalSeconds, 3),
                drift.Count,
                drift.Count(d => d.Action == "repaired"),
                applied?.Failed.Count ?? 0,
                waiting,
                entry.Problems)
            {
                TombstonedSince = tombstone?.Since,
                PruneAt = tombstone?.PruneAt,
                Account = Graph(entry).Target.ToString(),
                Target = Graph(entry).Target,
            },
        };
    }

    /// <summary>The account guard refused the environment: a terminal failure, held until the long backoff ends, in the status.</summary>
    private ReconcileResult WrongAccount(string environment, AccountMismatchException ex)
    {
        var failed = ReconcileResult.Failed(ex.Message, terminal: true, options.Backoff.MaxDelay);
        if (catalog.Find(environment) is not { } entry)
        {
            return failed;
        }

        return Report(failed, entry, "wrong account", time.GetTimestamp(), [], null, [ex.Message]);
    }

    private TimeSpan Jittered(TimeSpan period) =>
        TimeSpan.FromMilliseconds(period.TotalMilliseconds * (1 + (((Random.Shared.NextDouble() * 2) - 1) * options.ResyncJitter)));

    private readonly record struct LoadedSpecKey(object Spec);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Spec of {Environment} ({Location}) was removed; prune is off, so its {Owned} resource(s) are left in place (orphaned)")]
    private static partial void LogOrphaned(ILogger logger, string environment, string location, int owned);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Spec of {Environment} ({Location}) was removed and it prunes: deleting what it owns, in reverse order")]
    private static partial void LogDestroying(ILogger logger, string environment, string location);

    [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "Spec of {Environment} ({Location}) was removed, but the controller runs on it (RECONCILER_SELF_ENVIRONMENT): nothing of it is deleted")]
    private static partial void LogSelfKept(ILogger logger, string environment, string location);

    [LoggerMessage(EventId = 231, Level = LogLevel.Information, Message = "Tombstone of {Environment} ({Location}): {Left} left before its prune, {Listings} of {MinListings} complete listings without its spec; nothing is changed meanwhile")]
    private static partial void LogTombstonePending(ILogger logger, string environment, string location, TimeSpan left, int listings, int minListings);

    [LoggerMessage(EventId = 233, Level = LogLevel.Warning, Message = "Tombstone of {Environment} ({Location}) held for {Held} over {Listings} complete listings: pruning")]
    private static partial void LogPruning(ILogger logger, string environment, string location, TimeSpan held, int listings);

    [LoggerMessage(EventId = 236, Level = LogLevel.Error, Message = "{Environment} expects account {Expected} but the credentials are for {Actual}: nothing changed; held back until the long backoff ends")]
    private static partial void LogWrongAccount(ILogger logger, string environment, string expected, string actual);

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "Reconcile of {Environment} failed unexpectedly; backing off")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string environment);
}
