namespace Reconciler.Bench.Scale;

/// <summary>One environment observed alone in an account of <paramref name="AccountEnvironments"/>: what one engine pass reads.</summary>
internal sealed record ObservationProbe(int AccountEnvironments, long Calls, TimeSpan Wall, TimeSpan MotoCpu, IReadOnlyList<(string Operation, long Count, TimeSpan Mean)> Slowest);
