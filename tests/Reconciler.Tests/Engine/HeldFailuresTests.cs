using Microsoft.Extensions.Time.Testing;
using Reconciler.Engine;

namespace Reconciler.Tests.Engine;

public sealed class HeldFailuresTests
{
    private static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(30);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private readonly object _spec = new();

    [Fact]
    public void Find_Should_HoldATerminalFailureUntilItsTimeIsUp_When_ItsApplyHasEnded()
    {
        var held = new HeldFailures(_clock, HoldFor);
        held.Begin(_spec);
        held.Hold("db-instance/app", "AccessDenied", terminal: true);
        held.EndApply();

        _clock.Advance(HoldFor - TimeSpan.FromSeconds(1));
        held.Begin(_spec);
        var before = held.Find("db-instance/app");
        _clock.Advance(TimeSpan.FromSeconds(1));
        held.Begin(_spec);

        Assert.NotNull(before);
        Assert.True(before.Terminal);
        Assert.StartsWith("held back until 2026-01-05 09:30:00Z after a failure that retrying cannot fix: AccessDenied", before.Reason, StringComparison.Ordinal);
        Assert.Null(held.Find("db-instance/app"));
        Assert.Null(held.UntilNextRetry);
    }

    [Fact]
    public void EndApply_Should_ReleaseARetryableHold_When_ItsApplyEnds()
    {
        var held = new HeldFailures(_clock, HoldFor);
        held.Begin(_spec);
        held.Hold("vpc/main", "DependencyViolation", terminal: false);
        var during = held.Find("vpc/main");

        held.EndApply();

        Assert.NotNull(during);
        Assert.False(during.Terminal);
        Assert.Equal("held back for the rest of this apply after a failure: DependencyViolation", during.Reason);
        Assert.Null(held.Find("vpc/main"));
        Assert.False(held.Any);
    }

    [Fact]
    public void Begin_Should_ReleaseEveryHold_When_TheSpecChanged()
    {
        var held = new HeldFailures(_clock, HoldFor);
        held.Begin(_spec);
        held.Hold("ecr-repository/app", "AccessDenied", terminal: true);
        held.EndApply();

        held.Begin(_spec);
        var sameSpec = held.Count;
        held.Begin(new object());

        Assert.Equal(1, sameSpec);
        Assert.Equal(0, held.Count);
        Assert.Null(held.Find("ecr-repository/app"));
    }

    [Fact]
    public void UntilNextRetry_Should_CountFromTheEndOfTheApply_When_ItsFailuresCameAtDifferentTimes()
    {
        var held = new HeldFailures(_clock, HoldFor);
        held.Begin(_spec);
        held.Hold("ecr-repository/app", "AccessDenied", terminal: true);
        _clock.Advance(TimeSpan.FromSeconds(40));
        held.Hold("db-instance/app", "InvalidParameterValue", terminal: true);
        _clock.Advance(TimeSpan.FromSeconds(20));
        held.EndApply();

        _clock.Advance(TimeSpan.FromMinutes(10));

        // Both come back together, a whole hold after the apply ended: none before its time.
        Assert.Equal(HoldFor - TimeSpan.FromMinutes(10), held.UntilNextRetry);
        Assert.Equal(held.Find("ecr-repository/app")!.Until, held.Find("db-instance/app")!.Until);
        Assert.Equal(2, held.Count);
    }
}
