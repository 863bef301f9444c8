namespace Reconciler.Bench.Fleet;

/// <summary>One steady-state resync of N environments in one mode: its AWS calls by service, times and memory.</summary>
internal sealed record ModeResult(
    string Mode,
    int Environments,
    int Resources,
    IReadOnlyDictionary<string, long> CallsByService,
    long MutatingCalls,
    TimeSpan Wall,
    TimeSpan Cpu,
    TimeSpan MotoCpu,
    long PeakWorkingSet,
    int PlansWithChanges)
{
    public long Calls => CallsByService.Values.Sum();
}
