namespace Reconciler.Bench.Scale;

/// <summary>One window of the seeding: environments From..To created, its wall time, AWS calls and moto_server's CPU time.</summary>
internal sealed record SeedWindow(int From, int To, TimeSpan Wall, long Calls, long Mutating, TimeSpan MotoCpu, TimeSpan MeanLatency, int Failed)
{
    public int Count => To - From + 1;
}
