using System.Text;
using Reconciler.Controller;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

public sealed class StatusStoreTests
{
    [Fact]
    public void Find_Should_AddTheSourceGuardFromTheCatalog_When_TheEnvironmentsSourceIsHeld()
    {
        var catalog = new SpecCatalog();
        var statuses = new StatusStore(catalog: catalog);
        var listing = new SourceListing("/specs/", [new SpecDocument("/specs/gee.yaml", "1", Encoding.UTF8.GetBytes(TestSpecs.SampleText("gee")))], Complete: true);
        catalog.Apply(listing);
        statuses.Set(new EnvironmentStatus("gee", "/specs/gee.yaml", "enforce", "in sync", null, 0, 0, 0, 0, [], []));
        statuses.Set(new EnvironmentStatus("far", "/other/far.yaml", "enforce", "in sync", null, 0, 0, 0, 0, [], []));

        catalog.Apply(new SourceListing("/specs/", [], Complete: true)); // a listing with no spec at all: held
        var held = statuses.Find("gee")!.Problems;
        var elsewhere = statuses.Find("far")!.Problems;
        catalog.Apply(listing);

        Assert.Contains("source /specs/ lists no spec at all", Assert.Single(held), StringComparison.Ordinal);
        Assert.Empty(elsewhere);
        Assert.Empty(statuses.Find("gee")!.Problems); // lifted in the catalog, so gone from the status: one copy
    }
}
