namespace Reconciler.Controller;

/// <summary>
/// A level-based work queue in the manner of controller-runtime's: an item is only a key (an environment's name),
/// so adding a key that is already waiting does nothing; a key being processed is never handed out twice at once
/// (if it is added meanwhile, it runs again once after); <see cref="AddAfter"/> brings a key back later (RequeueAfter,
/// periodic resync); <see cref="AddRateLimited"/> backs a failing key off exponentially with jitter until
/// <see cref="Forget"/>. Time is the injected <see cref="TimeProvider"/>'s.
/// </summary>
internal sealed class WorkQueue(TimeProvider time, WorkQueueOptions options, Random? random = null) : IDisposable
{
    private readonly object _lock = new();
    private readonly LinkedList<string> _ready = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _delayed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Random _random = random ?? Random.Shared;
    private ITimer? _timer;
    private bool _shutdown;

    /// <summary>Keys ready or waiting for their time, for the metrics.</summary>
    public int Depth
    {
        get
        {
            lock (_lock)
            {
                return _queued.Count + _delayed.Count;
            }
        }
    }

    public void Add(string key)
    {
        lock (_lock)
        {
            if (_shutdown)
            {
                return;
            }

            _delayed.Remove(key);
            if (_processing.Contains(key))
            {
                _dirty.Add(key);
                return;
            }

            if (_queued.Add(key))
            {
                _ready.AddLast(key);
                _signal.Release();
            }
        }
    }

    /// <summary>Adds <paramref name="key"/> after <paramref name="delay"/>; an earlier pending time wins.</summary>
    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_lock)
        {
            if (_shutdown || _queued.Contains(key))
            {
                return;
            }

            var due = time.GetUtcNow() + delay;
            if (_delayed.TryGetValue(key, out var existing) && existing <= due)
            {
                return;
            }

            _delayed[key] = due;
            ArmTimer();
        }
    }

    /// <summary>Backs off a failing key: base * 2^failures, capped, with jitter. Returns the delay chosen.</summary>
    public TimeSpan AddRateLimited(string key)
    {
        TimeSpan delay;
        lock (_lock)
        {
            var failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
            var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 30));
            var capped = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
            var jitter = 1 + (((_random.NextDouble() * 2) - 1) * options.Jitter);
            delay = TimeSpan.FromMilliseconds(capped * jitter);
        }

        AddAfter(key, delay);
        return delay;
    }

    /// <summary>The key succeeded: its backoff starts from the base again.</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>The next ready key, marked as processing; null once the queue is shut down.</summary>
    public async Task<string?> GetAsync(CancellationToken ct)
    {
        while (true)
        {
            await _signal.WaitAsync(ct).ConfigureAwait(false);
            lock (_lock)
            {
                if (_shutdown)
                {
                    _signal.Release();
                    return null;
                }

                if (_ready.First is not { } first)
                {
                    continue;
                }

                _ready.RemoveFirst();
                _queued.Remove(first.Value);
                _processing.Add(first.Value);
                return first.Value;
            }
        }
    }

    /// <summary>Processing of <paramref name="key"/> is over; if it was added meanwhile it is queued again now.</summary>
    public void Done(string key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (_dirty.Remove(key) && !_shutdown && _queued.Add(key))
            {
                _ready.AddLast(key);
                _signal.Release();
            }
        }
    }

    public void ShutDown()
    {
        lock (_lock)
        {
            _shutdown = true;
            _timer?.Dispose();
            _signal.Release();
        }
    }

    public void Dispose()
    {
        ShutDown();
        _signal.Dispose();
    }

    private void ArmTimer()
    {
        var next = _delayed.Values.Min();
        var wait = next - time.GetUtcNow();
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }

        _timer?.Dispose();
        _timer = time.CreateTimer(_ => Promote(), null, wait, Timeout.InfiniteTimeSpan);
    }

    private void Promote()
    {
        lock (_lock)
        {
            if (_shutdown)
            {
                return;
            }

            var now = time.GetUtcNow();
            foreach (var key in _delayed.Where(d => d.Value <= now).Select(d => d.Key).ToList())
            {
                _delayed.Remove(key);
                if (_processing.Contains(key))
                {
                    _dirty.Add(key);
                }
                else if (_queued.Add(key))
                {
                    _ready.AddLast(key);
                    _signal.Release();
                }
            }

            if (_delayed.Count > 0)
            {
                ArmTimer();
            }
        }
    }
}
