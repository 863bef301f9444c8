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

    /// <summary>The figures of one of <paramref name="rounds"/> resyncs measured together (peak memory stays the peak).</summary>
    public ModeResult PerRound(int rounds) => this with
    {
        CallsByService = CallsByService.ToDictionary(kv => kv.Key, kv => (long)Math.Round((double)kv.Value / rounds), StringComparer.Ordinal),
        MutatingCalls = MutatingCalls / rounds,
        Wall = Wall / rounds,
        Cpu = Cpu / rounds,
        MotoCpu = MotoCpu / rounds,
    };
}
