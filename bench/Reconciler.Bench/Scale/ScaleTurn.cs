namespace Reconciler.Bench.Scale;

/// <summary>One controller resync of the whole fleet: the shared observation (its detail rotation's turn) and a plan per environment.</summary>
internal sealed record ScaleTurn(
    int Turn,
    int Environments,
    int Detailed,
    IReadOnlyDictionary<(string Service, string Operation, string Outcome), long> Calls,
    Dictionary<(string Service, string Operation), (int Total, int PeakPerSecond)> Rates,
    Dictionary<string, int> PeakByBucket,
    IReadOnlyDictionary<string, (long Calls, TimeSpan Waited)> BudgetWaits,
    IReadOnlyDictionary<string, long> BudgetThrottled,
    TimeSpan Wall,
    TimeSpan Cpu,
    TimeSpan MotoCpu,
    long PeakWorkingSet,
    long MotoWorkingSet,
    int PlansWithChanges,
    IReadOnlyList<string> Changes)
{
    public long Total => Calls.Values.Sum();

    /// <summary>Answers that are AWS throttling (by error code), whatever the operation.</summary>
    public long Throttled => Calls.Where(kv => IsThrottling(kv.Key.Outcome)).Sum(kv => kv.Value);

    public static bool IsThrottling(string code) => code is "Throttling" or "ThrottlingException" or "RequestLimitExceeded" or "TooManyRequestsException"
        or "PriorRequestNotComplete" or "SlowDown" or "Throttled" or "RequestThrottled" or "RequestThrottledException" or "ThrottledException";
}
