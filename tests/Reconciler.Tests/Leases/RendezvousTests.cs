using Reconciler.Leases;

namespace Reconciler.Tests.Leases;

public sealed class RendezvousTests
{
    private static readonly string[] Environments = [.. Enumerable.Range(0, 600).Select(i => $"env-{i}")];

    [Fact]
    public void Owner_Should_SpreadEnvironmentsEvenly_When_ThreeReplicasAreLive()
    {
        string[] replicas = ["r1", "r2", "r3"];

        var counts = Environments.GroupBy(e => Rendezvous.Owner(e, replicas)).ToDictionary(g => g.Key!, g => g.Count());

        Assert.Equal(replicas, counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts.Values, c => Assert.InRange(c, 150, 250)); // 200 each, give or take
    }

    [Fact]
    public void Owner_Should_MoveOnlyTheLostReplicasEnvironments_When_AReplicaLeaves()
    {
        string[] before = ["r1", "r2", "r3"];
        string[] after = ["r1", "r3"];

        var moved = Environments.Where(e => Rendezvous.Owner(e, before) != Rendezvous.Owner(e, after)).ToList();

        Assert.NotEmpty(moved);
        Assert.All(moved, e => Assert.Equal("r2", Rendezvous.Owner(e, before)));
    }

    [Fact]
    public void Owner_Should_AgreeWhateverTheOrder_When_TheSameReplicasAreGiven()
    {
        Assert.All(Environments, e => Assert.Equal(Rendezvous.Owner(e, ["a", "b", "c"]), Rendezvous.Owner(e, ["c", "a", "b"])));
        Assert.Null(Rendezvous.Owner("env-1", []));
    }
}
