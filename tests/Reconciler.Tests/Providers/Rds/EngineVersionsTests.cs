
namespace Reconciler.Tests.Providers.Rds;

public sealed class EngineVersionsTests
{
    [Theory]
    [InlineData("16", "16", true)]
    [InlineData("16", "16.3", true)]
    [InlineData("16.3", "16.3", true)]
    [InlineData("16.3", "16.4", true)]      // an automatic minor upgrade is not drift: it cannot be undone
    [InlineData("16.3", "16.10", true)]     // numeric, not textual, comparison
    [InlineData("16.3", "16.2", false)]     // older than asked: an upgrade to make
    [InlineData("17", "16.3", false)]       // another major
    [InlineData("16", "17.1", false)]
    [InlineData("8.0.35", "8.0.36", true)]
    [InlineData("8.0.35", "8.0", false)]
    [InlineData("11.5-custom", "11.5-custom", true)]
    public void Satisfies_Should_CompareMajorThenNotOlder_When_VersionsDiffer(string desired, string actual, bool expected) =>
        Assert.Equal(expected, EngineVersions.Satisfies(desired, actual));

    [Fact]
    public void Observed_Should_ReportTheSpecsText_When_TheActualVersionSatisfiesIt()
    {
        Assert.Equal("16", EngineVersions.Observed("16", "16.3"));
        Assert.Equal("16.2", EngineVersions.Observed("17", "16.2"));
        Assert.Equal("16.2", EngineVersions.Observed(null, "16.2"));
    }

    [Theory]
    [InlineData("17", "16.3", true)]
    [InlineData("16.4", "16.3", false)]
    public void IsMajorUpgrade_Should_BeTrue_When_TheMajorChanges(string desired, string actual, bool expected) =>
        Assert.Equal(expected, EngineVersions.IsMajorUpgrade(desired, actual));

    [Fact]
    public void FinalSnapshotIdentifier_Should_StampTheUtcTime_When_Deleting()
    {
        var now = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(9));

        Assert.Equal("demo-app-db-final-20250303200607", DbInstanceProvider.FinalSnapshotIdentifier("demo-app-db", now));
    }
}
