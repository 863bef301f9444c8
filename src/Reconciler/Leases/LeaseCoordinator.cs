using Microsoft.Extensions.Logging;
using Reconciler.Aws;

namespace Reconciler.Leases;

/// <summary>
/// Shares the environments among the replicas of one controller: every renew interval (a third of the lease period)
/// it writes this replica's heartbeat, which also reads every replica's (one call), expels replicas whose heartbeat has
/// lapsed, releases the leases that another live replica should now hold (rendezvous hashing over the live replicas,
/// never while a pass is in flight), and acquires those it should hold and does not (reading only their items). Held
/// leases are not rewritten: they stay valid while this replica's heartbeat does, so a steady round costs one call
/// whatever the number of environments (<see cref="LeaseStore"/>). A replica that dies stops beating: after one lease
/// period the others expel it and take its environments at their next round.
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
    /// One round: heartbeat (reading the registry), expel the lapsed, release what belongs elsewhere now, acquire what
    /// belongs here. The first round only announces this replica, so that replicas starting together see each other
    /// before anything is acquired.
    /// </summary>
    public async Task TickAsync(IReadOnlyCollection<string> environments, CancellationToken ct)
    {
        var registry = await store.HeartbeatAsync(ct).ConfigureAwait(false);
        if (registry.Rejoined)
        {
            LoseAll();
        }

        registry = await store.ExpelLapsedAsync(registry, ct).ConfigureAwait(false);
        var live = registry.LiveReplicas(time.GetUtcNow()).Append(options.ReplicaId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        lock (_lock)
        {
            _live = live;
        }

        Refresh();

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

        var missing = wanted.Where(e => Find(e) is null).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return; // the steady state: nothing read but the registry
        }

        var observed = await store.ReadLeasesAsync(missing, ct).ConfigureAwait(false);
        foreach (var environment in missing)
        {
            var current = observed.GetValueOrDefault(environment);
            if (await store.TryAcquireAsync(environment, current, registry, ct).ConfigureAwait(false) is { } lease)
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
    /// The fencing check before a mutating pass: beats (so the pass has a whole lease period from here, as a renewal gave
    /// it when every lease was renewed on its own), then confirms with a conditional write that this replica still holds
    /// the lease with the same generation. False means it was lost, or this replica's heartbeat has lapsed: the pass must
    /// not change anything.
    /// </summary>
    public async Task<bool> ConfirmAsync(Lease lease, CancellationToken ct)
    {
        var registry = await store.HeartbeatAsync(ct).ConfigureAwait(false);
        if (registry.Rejoined)
        {
            LoseAll();
            return false;
        }

        Refresh();
        if (await store.RenewAsync(lease, ct).ConfigureAwait(false) is { } renewed)
        {
            // Still ours in the table, but with a lapsed heartbeat another replica may expel this one and take it at
            // any moment: no mutation. A later heartbeat that gets through looks at the environment again (Refresh).
            return renewed.ExpiresAt >= time.GetUtcNow();
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

    /// <summary>
    /// After a heartbeat: every held lease runs until the new expiry. Leases that had lapsed here (passes were refused
    /// meanwhile) and that nobody took are looked at again.
    /// </summary>
    private void Refresh()
    {
        var until = store.ValidUntil;
        var now = time.GetUtcNow();
        List<string> revived;
        lock (_lock)
        {
            revived = [.. _held.Values.Where(l => l.ExpiresAt < now).Select(l => l.Environment)];
            foreach (var lease in _held.Values.ToList())
            {
                _held[lease.Environment] = lease with { ExpiresAt = until };
            }
        }

        foreach (var environment in revived)
        {
            Acquired?.Invoke(environment);
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

    /// <summary>This replica had been expelled (its heartbeat lapsed): whatever it held may have been taken over.</summary>
    private void LoseAll()
    {
        foreach (var lease in Held)
        {
            Lost(lease);
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

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Lease of {Environment} (replica {Replica}, generation {Generation}) could not be released; it lapses instead: {Error}")]
    private static partial void LogReleaseFailed(ILogger logger, string environment, string replica, long generation, string error);

    [LoggerMessage(EventId = 406, Level = LogLevel.Warning, Message = "Lease round of replica {Replica} failed; trying again at the next: {Error}")]
    private static partial void LogTickFailed(ILogger logger, string replica, string error);
}
