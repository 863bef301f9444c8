using Microsoft.Extensions.Logging;
using Reconciler.Aws;

namespace Reconciler.Leases;

/// <summary>
/// Shares the environments among the replicas of one controller: every renew interval (a third of the lease period)
/// it writes this replica's heartbeat, reads the lease table, renews the leases it holds, releases those that another
/// live replica should now hold (rendezvous hashing over the live replicas, never while a pass is in flight), and
/// acquires those it should hold that are free or lapsed. A replica that dies stops renewing: after one lease period
/// its heartbeat and leases lapse and the others take its environments at their next tick.
/// The controller asks <see cref="Begin"/> before a pass (no lease, no pass), <see cref="ConfirmAsync"/> before it
/// mutates anything (the fencing check), and <see cref="End"/> after.
/// </summary>
internal sealed partial class LeaseCoordinator(LeaseStore store, LeaseOptions options, TimeProvider time, ILogger<LeaseCoordinator> log)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Lease> _held = new(StringComparer.Ordinal);
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _live = [];
    private bool _warmedUp;
    private bool _started;

    public string ReplicaId => options.ReplicaId;

    /// <summary>Raised when a lease is acquired (the environment should be reconciled now).</summary>
    public event Action<string>? Acquired;

    /// <summary>Raised when a lease is released or lost (another replica reports the environment from now on).</summary>
    public event Action<string>? Dropped;

    /// <summary>The leases this replica holds, by environment.</summary>
    public IReadOnlyList<Lease> Held
    {
        get
        {
            lock (_lock)
            {
                return [.. _held.Values.OrderBy(l => l.Environment, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The replicas seen alive at the last tick (this one included).</summary>
    public IReadOnlyList<string> LiveReplicas
    {
        get
        {
            lock (_lock)
            {
                return _live;
            }
        }
    }

    public Lease? Find(string environment)
    {
        lock (_lock)
        {
            return _held.GetValueOrDefault(environment);
        }
    }

    /// <summary>Checks (or creates) the table and announces this replica, once; throws when the table cannot be used.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (_started)
        {
            return;
        }

        await store.EnsureTableAsync(ct).ConfigureAwait(false);
        await store.HeartbeatAsync(ct).ConfigureAwait(false);
        LogStarted(log, options.ReplicaId, options.Table, options.Duration.TotalSeconds);
        _started = true;
    }

    /// <summary>Ticks every renew interval until <paramref name="ct"/> is cancelled; a failed tick is logged and the next one tries again.</summary>
    public async Task RunAsync(Func<IReadOnlyCollection<string>> environments, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await TickAsync(environments(), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (AwsCallException ex)
            {
                LogTickFailed(log, options.ReplicaId, ex.Message);
            }

            try
            {
                await Task.Delay(options.RenewInterval, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One round: heartbeat, read, renew, release what belongs elsewhere now, acquire what belongs here. The first round
    /// only announces this replica, so that replicas starting together see each other before anything is acquired.
    /// </summary>
    public async Task TickAsync(IReadOnlyCollection<string> environments, CancellationToken ct)
    {
        await store.HeartbeatAsync(ct).ConfigureAwait(false);
        var view = await store.ReadAsync(ct).ConfigureAwait(false);
        var live = view.LiveReplicas.Append(options.ReplicaId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        lock (_lock)
        {
            _live = live;
        }

        await RenewAllAsync(ct).ConfigureAwait(false);

        var wanted = environments.Where(e => Rendezvous.Owner(e, live) == options.ReplicaId).ToHashSet(StringComparer.Ordinal);
        foreach (var lease in Held.Where(l => !wanted.Contains(l.Environment)))
        {
            await ReleaseAsync(lease, ct).ConfigureAwait(false);
        }

        if (!_warmedUp)
        {
            _warmedUp = true;
            return;
        }

        var now = time.GetUtcNow();
        foreach (var environment in wanted.Order(StringComparer.Ordinal))
        {
            if (Find(environment) is not null)
            {
                continue;
            }

            var current = view.Leases.GetValueOrDefault(environment);
            if (current is not null && current.ExpiresAt >= now && current.Holder.Length > 0 && current.Holder != options.ReplicaId)
            {
                continue; // held by another replica until it releases it or it lapses
            }

            if (await store.TryAcquireAsync(environment, ct).ConfigureAwait(false) is { } lease)
            {
                lock (_lock)
                {
                    _held[environment] = lease;
                }

                LogAcquired(log, environment, options.ReplicaId, lease.Generation, current?.Holder is { Length: > 0 } previous ? previous : "none");
                Acquired?.Invoke(environment);
            }
        }
    }

    /// <summary>
    /// Marks a pass of <paramref name="environment"/> as in flight and returns its lease; null when this replica does
    /// not hold it (the pass must not run). Every non-null answer is followed by <see cref="End"/>.
    /// </summary>
    public Lease? Begin(string environment)
    {
        lock (_lock)
        {
            if (!_held.TryGetValue(environment, out var lease) || lease.ExpiresAt < time.GetUtcNow())
            {
                return null;
            }

            _busy.Add(environment);
            return lease;
        }
    }

    public void End(string environment)
    {
        lock (_lock)
        {
            _busy.Remove(environment);
        }
    }

    /// <summary>
    /// The fencing check before a mutating pass: renews the lease only if this replica still holds it with the same
    /// generation. False means it was lost: the pass must not change anything.
    /// </summary>
    public async Task<bool> ConfirmAsync(Lease lease, CancellationToken ct)
    {
        if (await store.RenewAsync(lease, ct).ConfigureAwait(false) is { } renewed)
        {
            Renewed(renewed);
            return true;
        }

        Lost(lease);
        return false;
    }

    /// <summary>On a graceful stop (after the passes in flight ended): releases every lease and the heartbeat, so the others take over at once.</summary>
    public async Task ReleaseAllAsync(CancellationToken ct)
    {
        foreach (var lease in Held)
        {
            await ReleaseAsync(lease, ct).ConfigureAwait(false);
        }

        await store.RemoveHeartbeatAsync(ct).ConfigureAwait(false);
    }

    private async Task RenewAllAsync(CancellationToken ct)
    {
        foreach (var lease in Held)
        {
            try
            {
                var lapsed = lease.ExpiresAt < time.GetUtcNow();
                if (await store.RenewAsync(lease, ct).ConfigureAwait(false) is not { } renewed)
                {
                    Lost(lease);
                    continue;
                }

                Renewed(renewed);
                if (lapsed)
                {
                    // Passes were refused while it had lapsed here; nobody took it meanwhile, so look at it again now.
                    Acquired?.Invoke(lease.Environment);
                }
            }
            catch (AwsCallException ex)
            {
                // Unknown: kept until it lapses; the check before any mutating pass decides.
                LogRenewFailed(log, lease.Environment, options.ReplicaId, lease.Generation, ex.Message);
            }
        }
    }

    private async Task ReleaseAsync(Lease lease, CancellationToken ct)
    {
        lock (_lock)
        {
            if (_busy.Contains(lease.Environment) || !_held.Remove(lease.Environment))
            {
                return; // a pass is in flight: released at a later tick, once it has ended
            }
        }

        try
        {
            var released = await store.ReleaseAsync(lease, ct).ConfigureAwait(false);
            if (released)
            {
                LogReleased(log, lease.Environment, options.ReplicaId, lease.Generation);
            }
            else
            {
                LogLost(log, lease.Environment, options.ReplicaId, lease.Generation);
            }
        }
        catch (AwsCallException ex)
        {
            // Not held here any more either way; if the release did not reach the table, the lease lapses.
            LogReleaseFailed(log, lease.Environment, options.ReplicaId, lease.Generation, ex.Message);
        }

        Dropped?.Invoke(lease.Environment);
    }

    /// <summary>Keeps the later expiry of a renewed lease, unless it was lost meanwhile.</summary>
    private void Renewed(Lease renewed)
    {
        lock (_lock)
        {
            if (_held.TryGetValue(renewed.Environment, out var current) && current.Generation == renewed.Generation)
            {
                _held[renewed.Environment] = renewed;
            }
        }
    }

    private void Lost(Lease lease)
    {
        lock (_lock)
        {
            if (!_held.TryGetValue(lease.Environment, out var current) || current.Generation != lease.Generation)
            {
                return;
            }

            _held.Remove(lease.Environment);
        }

        LogLost(log, lease.Environment, options.ReplicaId, lease.Generation);
        Dropped?.Invoke(lease.Environment);
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Replica {Replica} shares environments through lease table {LeaseTable} (lease {LeaseSeconds} s)")]
    private static partial void LogStarted(ILogger logger, string replica, string leaseTable, double leaseSeconds);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Lease of {Environment} acquired by replica {Replica}, generation {Generation} (previous holder {PreviousHolder})")]
    private static partial void LogAcquired(ILogger logger, string environment, string replica, long generation, string previousHolder);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Lease of {Environment} lost by replica {Replica}, generation {Generation}: another replica took it over or it was released")]
    private static partial void LogLost(ILogger logger, string environment, string replica, long generation);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Lease of {Environment} released by replica {Replica}, generation {Generation}")]
    private static partial void LogReleased(ILogger logger, string environment, string replica, long generation);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Lease of {Environment} (replica {Replica}, generation {Generation}) could not be renewed: {Error}")]
    private static partial void LogRenewFailed(ILogger logger, string environment, string replica, long generation, string error);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Lease of {Environment} (replica {Replica}, generation {Generation}) could not be released; it lapses instead: {Error}")]
    private static partial void LogReleaseFailed(ILogger logger, string environment, string replica, long generation, string error);

    [LoggerMessage(EventId = 406, Level = LogLevel.Warning, Message = "Lease round of replica {Replica} failed; trying again at the next: {Error}")]
    private static partial void LogTickFailed(ILogger logger, string replica, string error);
}
