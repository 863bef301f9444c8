using System.Collections.Concurrent;
using System.Diagnostics;

namespace Reconciler.Bench.Fleet;

/// <summary>
/// What happened when, while one environment converges from empty (issue 14's "measure first where the wall time above
/// the chain goes"): every request with its start and latency (TimingHandler) and every log line of the engine, the
/// executor and the call runner (TimelineLogger), in milliseconds since <see cref="Start"/>. Off unless started.
/// </summary>
internal sealed class Timeline
{
    private readonly ConcurrentQueue<(double At, string Text)> _events = new();
    private long _started;

    public bool Active { get; private set; }

    public void Start()
    {
        _events.Clear();
        _started = Stopwatch.GetTimestamp();
        Active = true;
    }

    public void Stop() => Active = false;

    /// <summary>Milliseconds since <see cref="Start"/> of a <see cref="Stopwatch"/> timestamp.</summary>
    public double At(long timestamp) => Stopwatch.GetElapsedTime(_started, timestamp).TotalMilliseconds;

    public void Add(long timestamp, string text)
    {
        if (Active)
        {
            _events.Enqueue((At(timestamp), text));
        }
    }

    /// <summary>The events in order of time, one line each: <c>+1234.5 ms text</c>.</summary>
    public IEnumerable<string> Lines() =>
        _events.OrderBy(e => e.At).Select(e => FormattableString.Invariant($"+{e.At,8:F1} ms {e.Text}"));
}
