namespace Reconciler.Tests.Chaos;

/// <summary>
/// The injection rate of each fault, applied one after the other to every request (a request escaping the first may meet
/// the next): 0.15 unavailable then 0.10 resets is 0.15 + 0.85 × 0.10 = 23.5% of requests disturbed. Seeded, so a run's
/// fault sequence is reproducible up to the order in which concurrent calls draw.
/// </summary>
internal sealed record ChaosRates(double Throttle = 0, double Unavailable = 0, double ConnectionReset = 0, int Seed = 42);
