namespace Reconciler.Engine;

/// <summary>
/// The steps of one environment held back after a failure: the one place that decides what is not attempted. A failure
/// retrying cannot fix is held for <paramref name="holdFor"/> from the end of its apply, so AWS is not hammered
/// (crossplane-contrib/provider-aws#1672); a client error wants a fixed request before it is sent again
/// (docs.aws.amazon.com/general/latest/gr/api-retries.html), so a new spec releases every hold. A retryable failure is
/// held for the rest of its apply only: the queue's backoff brings it back. Dependents of a held step skip.
/// </summary>
internal sealed class HeldFailures(TimeProvider time, TimeSpan holdFor)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, HeldStep> _held = new(StringComparer.Ordinal);
    private object? _spec;

    /// <summary>How long a terminal failure is held once its apply ends.</summary>
    public TimeSpan HoldFor => holdFor;

    /// <summary>
    /// Starts a pass of the environment under <paramref name="spec"/> (any value that changes with the spec in force):
    /// a changed spec releases every hold, and holds whose time is up are dropped (they are tried now).
    /// </summary>
    public void Begin(object spec)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_spec, spec))
            {
                _held.Clear();
                _spec = spec;
            }

            var now = time.GetUtcNow();
            foreach (var expired in _held.Where(h => h.Value.Until <= now).Select(h => h.Key).ToList())
            {
                _held.Remove(expired);
            }
        }
    }

    /// <summary>Why <paramref name="logicalId"/> is not attempted now; null when it may be.</summary>
    public HeldStep? Find(string logicalId)
    {
        lock (_lock)
        {
            return _held.GetValueOrDefault(logicalId);
        }
    }

    /// <summary>Holds a step that failed in this apply: <paramref name="terminal"/> ones are given their long hold by <see cref="EndApply"/>.</summary>
    public void Hold(string logicalId, string message, bool terminal)
    {
        lock (_lock)
        {
            _held[logicalId] = new HeldStep(message, terminal, Until: null);
        }
    }

    /// <summary>
    /// The apply is over: its retryable holds end, its terminal ones are held until <see cref="HoldFor"/> from now (from
    /// the end of the apply, so every failure of one apply comes back together, not before).
    /// </summary>
    public void EndApply()
    {
        lock (_lock)
        {
            var until = time.GetUtcNow() + holdFor;
            foreach (var (id, step) in _held.Where(h => h.Value.Until is null).ToList())
            {
                if (step.Terminal)
                {
                    _held[id] = step with { Until = until };
                }
                else
                {
                    _held.Remove(id);
                }
            }
        }
    }

    /// <summary>Whether any step is held, for this apply or beyond.</summary>
    public bool Any
    {
        get
        {
            lock (_lock)
            {
                return _held.Count > 0;
            }
        }
    }

    /// <summary>Steps held beyond the current apply.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _held.Count(h => h.Value.Until is not null);
            }
        }
    }

    /// <summary>How long until the first long hold ends (the environment's next try of it); null when none is held.</summary>
    public TimeSpan? UntilNextRetry
    {
        get
        {
            lock (_lock)
            {
                var untils = _held.Values.Where(h => h.Until is not null).Select(h => h.Until!.Value).ToList();
                return untils.Count == 0 ? null : untils.Min() - time.GetUtcNow();
            }
        }
    }
}
