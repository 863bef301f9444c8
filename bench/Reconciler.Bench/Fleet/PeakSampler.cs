using System.Diagnostics;

namespace Reconciler.Bench.Fleet;

/// <summary>Samples this process's working set every 20 ms while alive; <see cref="Peak"/> is the highest seen.</summary>
internal sealed class PeakSampler : IDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly Timer _timer;
    private long _peak;

    public PeakSampler()
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
    }

    public long Peak
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    private void Sample()
    {
        long current;
        lock (_process)
        {
            _process.Refresh();
            current = _process.WorkingSet64;
        }

        long seen;
        do
        {
            seen = Interlocked.Read(ref _peak);
        }
        while (current > seen && Interlocked.CompareExchange(ref _peak, current, seen) != seen);
    }

    public void Dispose()
    {
        _timer.Dispose();
        _process.Dispose();
    }
}
