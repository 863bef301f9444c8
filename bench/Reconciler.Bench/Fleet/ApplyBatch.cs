namespace Reconciler.Bench.Fleet;

/// <summary>Environments From+1..To applied from empty, <see cref="Parallelism"/> at once.</summary>
internal sealed record ApplyBatch(int From, int To, int Parallelism, TimeSpan Wall, long Calls, IReadOnlyList<string> NotConverged);
