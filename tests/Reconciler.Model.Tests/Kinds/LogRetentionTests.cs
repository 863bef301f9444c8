using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Model.Tests.Kinds;

public sealed class LogRetentionTests
{
    [Fact]
    public void Display_Should_ShowDaysOrNever_When_ARetentionIsSetOrNot()
    {
        Assert.Equal("30", new LogRetention(30).Display);
        Assert.Equal(LogRetention.Never, LogRetention.Forever.Display);
        Assert.Equal(LogRetention.Forever, new LogRetention(null));
        Assert.NotEqual(new LogRetention(30), new LogRetention(60));
    }

    [Fact]
    public void Diff_Should_ReportTheRetentionAsToday_When_TheSpecDropsIt()
    {
        var desired = Node(LogRetention.Forever);
        var observed = new ObservedResource(LogGroupKind.Kind, "log-group/ecs/app", "demo", "/ecs/app", Fields(new LogRetention(60)),
            ImmutableSortedDictionary<string, string>.Empty, ImmutableSortedDictionary<string, string>.Empty);

        var change = Assert.Single(Planner.Diff(desired, observed, _ => null));

        Assert.Equal((LogGroupKind.RetentionDays, "never", "60", false), (change.Path, change.Desired, change.Actual, change.ForcesReplacement));
        Assert.Empty(Planner.Diff(Node(new LogRetention(60)), observed, _ => null));
    }

    private static DesiredResource Node(LogRetention retention) =>
        new(LogGroupKind.Kind, "ecs/app", Fields(retention), ImmutableSortedSet<string>.Empty, ImmutableSortedDictionary<string, string>.Empty);

    private static ImmutableSortedDictionary<string, FieldValue> Fields(LogRetention retention) =>
        ImmutableSortedDictionary<string, FieldValue>.Empty.WithComparers(StringComparer.Ordinal)
            .Add(LogGroupKind.Name, FieldValue.Of("/ecs/app"))
            .Add(LogGroupKind.RetentionDays, FieldValue.Of(retention));
}
