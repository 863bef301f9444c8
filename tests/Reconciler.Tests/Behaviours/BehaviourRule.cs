namespace Reconciler.Tests.Behaviours;

/// <summary>
/// One documented behaviour of real AWS that moto_server lacks, played by <see cref="BehavioursProxy"/>. A rule may answer
/// a request itself instead of moto (<see cref="Before"/>: an error AWS would give), and may rewrite or just watch moto's
/// answer (<see cref="After"/>). Rules keep their own state (what was created or deleted when) and must be thread-safe:
/// the proxy serves requests in parallel. <see cref="Source"/> is where AWS documents the behaviour or where users met it.
/// </summary>
internal abstract class BehaviourRule
{
    /// <summary>Off, the rule neither answers nor rewrites (it still <see cref="Watch"/>es, so turning it on mid-test is consistent).</summary>
    public bool Enabled { get; set; } = true;

    private int _played;

    public string Name => GetType().Name;

    /// <summary>How many answers the rule made or changed (tests report it: a rule that never plays proves nothing).</summary>
    public int Played => Volatile.Read(ref _played);

    internal void CountPlayed() => Interlocked.Increment(ref _played);

    /// <summary>The behaviour, in one sentence.</summary>
    public abstract string Behaviour { get; }

    /// <summary>AWS API reference, AWS docs or a public issue.</summary>
    public abstract string Source { get; }

    /// <summary>An answer in moto's place, or null to send the request on.</summary>
    public virtual AwsAnswer? Before(AwsRequest request, DateTimeOffset now) => null;

    /// <summary>Moto's answer, rewritten or as it came (only while enabled).</summary>
    public virtual AwsAnswer After(AwsRequest request, AwsAnswer answer, DateTimeOffset now) => answer;

    /// <summary>Sees every request and moto's answer, enabled or not, to keep the rule's records (what was created when).</summary>
    public virtual void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
    }
}
