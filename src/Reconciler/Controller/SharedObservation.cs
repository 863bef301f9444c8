using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Controller;

/// <summary>
/// The informer: one observation of every environment of a region, shared by all their resyncs. A snapshot younger
/// than <c>maxAge</c> serves every environment that has not changed since it was taken, so a steady fleet costs one
/// tag-filtered listing per resource type (and page) per period instead of one per environment. An environment the
/// controller just acted on, or that is waiting or rolling out, is observed on its own until a newer snapshot exists;
/// and a snapshot is never acted on: a plan from it that shows changes is confirmed by a fresh read of that one
/// environment first (the caller's job, see <see cref="ControllerService"/>).
/// <para>
/// Detail reads are spread over refreshes (<paramref name="detailEvery"/> = K): each refresh reads about 1/K of the
/// region's environments in detail (a stable hash of the name, rotating with the region's refresh count, so each one
/// is read in full exactly once every K refreshes), plus those never read in detail yet; the others reuse the values
/// of the per-resource reads that no listing answers (see <c>ReconcileEngine.ObserveAsync</c>). A hand edit of such a
/// field is therefore seen within K refreshes; everything the listings show is seen at the next. K = 1: all in full.
/// </para>
/// </summary>
internal sealed partial class SharedObservation(ReconcileEngine engine, TimeProvider time, TimeSpan maxAge, ILogger log, int detailEvery = 1)
{
    private readonly ConcurrentDictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Snapshot>>> _refreshing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _changed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _turns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _detailedOnce = new(StringComparer.Ordinal);
    private long _refreshes;
    private long _detailedReads;
    private long _served;

    /// <summary>Shared observations made so far (one per region per period in a steady fleet).</summary>
    public long Refreshes => Interlocked.Read(ref _refreshes);

    /// <summary>Environments read in detail by shared observations so far (each refresh: about 1/K of them).</summary>
    public long DetailedReads => Interlocked.Read(ref _detailedReads);

    /// <summary>Plans served from a shared observation.</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>
    /// What a recent shared observation saw of <paramref name="graph"/>'s environment, refreshing it (once, for every
    /// environment <paramref name="regionGraphs"/> lists) when it is too old; null when this environment must be
    /// observed on its own (it changed since, or the shared observation failed).
    /// </summary>
    public async Task<ObservedState?> TryGetAsync(ResourceGraph graph, Func<IReadOnlyCollection<ResourceGraph>> regionGraphs, CancellationToken ct)
    {
        // Keyed by region and credentials (AwsTarget.ObservationKey): environments in other accounts never share one.
        var key = graph.Target.ObservationKey;
        var snapshot = _snapshots.GetValueOrDefault(key);
        // An environment new since the snapshot is observed on its own: it does not make the whole region relisted.
        if (snapshot is null || time.GetUtcNow() - snapshot.Taken >= maxAge)
        {
            snapshot = await RefreshAsync(key, graph.Target, regionGraphs, ct).ConfigureAwait(false);
        }

        if (snapshot is null || !snapshot.Environments.Contains(graph.Environment) ||
            (_changed.TryGetValue(graph.Environment, out var changed) && changed >= snapshot.Taken))
        {
            return null;
        }

        Interlocked.Increment(ref _served);
        return new ObservedState([.. snapshot.ByEnvironment.GetValueOrDefault(graph.Environment) ?? []], snapshot.Kinds);
    }

    /// <summary>
    /// The plan of one environment: from the shared observation when it can answer (see <see cref="TryGetAsync"/>); a
    /// plan from it that shows changes is confirmed by reading this environment afresh (the confirmation read), so
    /// drift is reported, and acted on, only from what AWS says now. The controller's resyncs and the CLI's verbs over
    /// several environments both plan through here.
    /// </summary>
    public async Task<Plan> PlanAsync(ResourceGraph graph, PlanOptions options, Func<IReadOnlyCollection<ResourceGraph>> regionGraphs, CancellationToken ct)
    {
        if (await TryGetAsync(graph, regionGraphs, ct).ConfigureAwait(false) is { } observed)
        {
            var plan = engine.Plan(graph, observed, options);
            if (!plan.HasChanges)
            {
                return plan;
            }

            LogConfirming(log, graph.Environment, plan.Summary);
        }

        return await engine.PlanAsync(graph, options, ct).ConfigureAwait(false);
    }

    /// <summary>The environment changed (or is changing) in AWS: until a newer snapshot, it is observed on its own.</summary>
    public void Changed(string environment) => _changed[environment] = time.GetUtcNow();

    /// <summary>Drops every snapshot (an on-demand resync wants what AWS says now).</summary>
    public void Invalidate() => _snapshots.Clear();

    /// <summary>
    /// Forgets an environment that left the catalog (pruned, or gone before it was ever applied). It stays marked as
    /// changed now: a snapshot taken before (which may show it whole) must never answer for it should its spec return.
    /// </summary>
    public void Forget(string environment)
    {
        Changed(environment);
        _detailedOnce.TryRemove(environment, out _);
    }

    /// <summary>
    /// The environments the next refresh of <paramref name="region"/> reads in detail: null (all) when K is 1, else
    /// those whose turn it is, and those never read in detail yet.
    /// </summary>
    public IReadOnlySet<string>? NextDetailed(string region, IReadOnlyCollection<string> environments)
    {
        if (detailEvery <= 1)
        {
            return null;
        }

        var turn = _turns.AddOrUpdate(region, 0, (_, n) => n + 1);
        var detailed = environments
            .Where(e => !_detailedOnce.ContainsKey(e) || (StableHash(e) + (ulong)turn) % (ulong)detailEvery == 0)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var environment in detailed)
        {
            _detailedOnce[environment] = true;
        }

        return detailed;
    }

    /// <summary>FNV-1a of the name: the same in every process (string.GetHashCode is randomised per process).</summary>
    private static ulong StableHash(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private async Task<Snapshot?> RefreshAsync(string key, AwsTarget target, Func<IReadOnlyCollection<ResourceGraph>> regionGraphs, CancellationToken ct)
    {
        // Single flight: the workers that find the snapshot old at the same moment share one observation.
        var region = target.ToString();
        var refresh = _refreshing.GetOrAdd(key, k => new Lazy<Task<Snapshot>>(() => ObserveAsync(k, target, regionGraphs(), ct)));
        try
        {
            var snapshot = await refresh.Value.ConfigureAwait(false);
            _snapshots[key] = snapshot;
            return snapshot;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Each environment then observes on its own, as if there were no sharing: one failing listing must not
            // stop the fleet, and the per-environment pass reports the error where it belongs.
            if (ex is AwsCallException call)
            {
                AwsFailureLog.Write(log, LogLevel.Warning, $"The shared observation of {region} failed; each environment is observed on its own this time", call,
                    scope: new Dictionary<string, object> { ["Region"] = region });
            }
            else
            {
                LogSharedFailed(log, ex, region);
            }

            return null;
        }
        finally
        {
            _refreshing.TryRemove(KeyValuePair.Create(key, refresh));
        }
    }

    private async Task<Snapshot> ObserveAsync(string key, AwsTarget target, IReadOnlyCollection<ResourceGraph> graphs, CancellationToken ct)
    {
        var taken = time.GetUtcNow();
        var started = time.GetTimestamp();
        var detailed = NextDetailed(key, graphs.Select(g => g.Environment).ToList());
        var state = await engine.ObserveAsync(target, graphs, ct, detailed).ConfigureAwait(false);
        Interlocked.Increment(ref _refreshes);
        Interlocked.Add(ref _detailedReads, detailed?.Count ?? graphs.Count);
        LogRefreshed(log, target.ToString(), graphs.Count, detailed?.Count ?? graphs.Count, state.Resources.Count, time.GetElapsedTime(started).TotalSeconds);
        return new Snapshot(taken, state.Kinds, graphs.Select(g => g.Environment).ToHashSet(StringComparer.Ordinal), ByEnvironment(state, graphs));
    }

    /// <summary>
    /// What a snapshot keeps of an observation: its resources by environment, each sharing the values it has in common
    /// with its desired resource (<see cref="DesiredSharing"/>: a converged resource's tags and most of its properties
    /// are the graph's own values, kept until the next refresh), in arrays of their exact size (issue 14, fourth round).
    /// </summary>
    public static IReadOnlyDictionary<string, ObservedResource[]> ByEnvironment(ObservedState state, IReadOnlyCollection<ResourceGraph> graphs) =>
        DesiredSharing.Share(state.Resources, graphs)
            .GroupBy(r => r.Environment, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    // The observation's own list of resources is not kept: the groups hold them all, and plans ask for the kinds only.
    private sealed record Snapshot(DateTimeOffset Taken, IReadOnlySet<ResourceKind> Kinds, IReadOnlySet<string> Environments, IReadOnlyDictionary<string, ObservedResource[]> ByEnvironment);

    [LoggerMessage(EventId = 209, Level = LogLevel.Debug, Message = "{Environment}: the shared observation shows {Summary}; reading it afresh before reporting or acting")]
    private static partial void LogConfirming(ILogger logger, string environment, string summary);

    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "Observed {Environments} environment(s) of {Region} together ({Detailed} in detail): {Resources} resource(s) in {DurationSeconds:0.###} s")]
    private static partial void LogRefreshed(ILogger logger, string region, int environments, int detailed, int resources, double durationSeconds);

    [LoggerMessage(EventId = 221, Level = LogLevel.Warning, Message = "The shared observation of {Region} failed; each environment is observed on its own this time")]
    private static partial void LogSharedFailed(ILogger logger, Exception exception, string region);
}
