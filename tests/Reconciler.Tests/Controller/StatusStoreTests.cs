using Reconciler.Controller;

namespace Reconciler.Tests.Controller;

public sealed class StatusStoreTests
{
    [Fact]
    public void Find_Should_AddTheSourceGuard_When_TheEnvironmentsSourceIsHeld()
    {
        var statuses = new StatusStore();
        statuses.Set(new EnvironmentStatus("gee", "/specs/gee.yaml", "enforce", "in sync", null, 0, 0, 0, 0, [], []));
        statuses.Set(new EnvironmentStatus("far", "/other/far.yaml", "enforce", "in sync", null, 0, 0, 0, 0, [], []));

        statuses.SetSourceHold("/specs/", "source /specs/ lists no spec at all");
        var held = statuses.Find("gee")!.Problems;
        var elsewhere = statuses.Find("far")!.Problems;
        statuses.SetSourceHold("/specs/", null);

        Assert.Equal(["source /specs/ lists no spec at all"], held);
        Assert.Empty(elsewhere);
        Assert.Empty(statuses.Find("gee")!.Problems);
    }
}
