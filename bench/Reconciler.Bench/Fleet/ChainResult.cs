namespace Reconciler.Bench.Fleet;

/// <summary>
/// (c): one environment converged from empty, against the longest dependency chain of its graph priced with the
/// measured mean latency of the create calls of each node. <see cref="Waits"/> is the time AWS itself makes a node on
/// that chain wait (the emulator's certificate validation), which no client can shorten.
/// </summary>
internal sealed record ChainResult(
    string Label,
    TimeSpan Wall,
    bool Converged,
    int Passes,
    long Calls,
    long MutatingCalls,
    IReadOnlyList<string> Chain,
    TimeSpan ChainCalls,
    TimeSpan Waits,
    IReadOnlyList<string> Unattributed)
{
    public double Ratio => Wall / (ChainCalls + Waits);
}
