using Reconciler.Model.Graph;
using Reconciler.Model.Spec;

namespace Reconciler.Model.Tests.Graph;

/// <summary>
/// What an environment's calls share: clients per credentials, the observation per role, the API budget per account
/// and region (AWS counts its request buckets per account and region).
/// </summary>
public sealed class AwsTargetTests
{
    private static readonly AccountSpec Stage = new("111111111111", "arn:aws:iam::111111111111:role/reconciler", "ext", null);

    [Fact]
    public void Keys_Should_KeepTheRegionAlone_When_NoAccountIsGiven()
    {
        var target = AwsTarget.Of("dev", "eu-west-1", null);

        Assert.Equal("eu-west-1", target.ClientKey);
        Assert.Equal("eu-west-1", target.ObservationKey);
        Assert.Equal("eu-west-1", target.BudgetScope(global: false));
        Assert.Equal("global", target.BudgetScope(global: true));
    }

    [Fact]
    public void Keys_Should_SeparateSessionsButShareTheObservation_When_TwoEnvironmentsUseOneRole()
    {
        var a = AwsTarget.Of("a", "eu-west-1", Stage);
        var b = AwsTarget.Of("b", "eu-west-1", Stage);

        Assert.NotEqual(a.ClientKey, b.ClientKey);
        Assert.Equal(a.ObservationKey, b.ObservationKey);
        Assert.NotEqual(AwsTarget.Of("a", "eu-west-1", null).ObservationKey, a.ObservationKey);
        Assert.Equal("111111111111/eu-west-1", a.BudgetScope(global: false));
        Assert.Equal("111111111111/global", a.BudgetScope(global: true));
    }
}
