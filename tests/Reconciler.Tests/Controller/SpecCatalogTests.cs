using System.Text;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Controller;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

public sealed class SpecCatalogTests
{
    private const string Source = "/specs/";

    private static SpecDocument Doc(string file, string version, string text) => new(Source + file, version, Encoding.UTF8.GetBytes(text));

    private static string Valid(string env, string edit = "") => TestSpecs.SampleText(env, t => edit.Length == 0 ? t : t.Replace("desiredCount: 2", edit, StringComparison.Ordinal));

    [Fact]
    public void Apply_Should_PutAValidSpecInForce_When_ItFirstAppears()
    {
        var catalog = new SpecCatalog();

        var changed = catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha"))], Complete: true));

        Assert.Equal(["alpha"], changed);
        var entry = catalog.Find("alpha")!;
        Assert.False(entry.HasProblems);
        Assert.Equal("/specs/a.yaml", entry.Location);
    }

    [Fact]
    public void Apply_Should_KeepTheLastValidSpec_When_AnEditIsInvalid()
    {
        var catalog = new SpecCatalog();
        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha"))], true));
        var inForce = catalog.Find("alpha")!.InForce;

        var changed = catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "2", Valid("alpha", "desiredCount: lots"))], true));

        var entry = catalog.Find("alpha")!;
        Assert.Equal(["alpha"], changed);
        Assert.Same(inForce, entry.InForce);
        Assert.False(entry.Removed);
        var problem = Assert.Single(entry.Problems);
        Assert.Contains("/specs/a.yaml:", problem, StringComparison.Ordinal);
        Assert.Contains("desiredCount", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Should_ApplyNeitherFile_When_TwoFilesDefineOneEnvironment()
    {
        var catalog = new SpecCatalog();
        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha"))], true));
        var inForce = catalog.Find("alpha")!.InForce;

        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha")), Doc("b.yaml", "1", Valid("alpha", "desiredCount: 9"))], true));

        var entry = catalog.Find("alpha")!;
        Assert.Same(inForce, entry.InForce);
        Assert.Equal(2, entry.Problems.Count); // one per file, as the CLI reports them (SpecPipeline.WithUniqueNames)
        Assert.All(entry.Problems, p => Assert.Contains("is also defined in", p, StringComparison.Ordinal));
        Assert.Null(new SpecCatalog().Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("beta")), Doc("b.yaml", "1", Valid("beta"))], true)).FirstOrDefault());
    }

    [Fact]
    public void Apply_Should_RemoveNothing_When_AListingFailed()
    {
        var catalog = new SpecCatalog();
        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha"))], true));

        var changed = catalog.Apply(new SourceListing(Source, [], Complete: false, Error: "AccessDenied"));

        Assert.Empty(changed);
        Assert.False(catalog.Find("alpha")!.Removed);
    }

    [Fact]
    public void Apply_Should_MarkTheEnvironmentRemoved_When_ACompleteListingNoLongerHasItsFile()
    {
        var catalog = new SpecCatalog();
        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha")), Doc("b.yaml", "1", Valid("beta"))], true));

        var changed = catalog.Apply(new SourceListing(Source, [Doc("b.yaml", "1", Valid("beta"))], Complete: true));

        Assert.Equal(["alpha"], changed);
        Assert.True(catalog.Find("alpha")!.Removed);
    }

    [Fact]
    public void Apply_Should_ReportNoChange_When_TheSameVersionIsListedAgain()
    {
        var catalog = new SpecCatalog();
        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha"))], true));

        var changed = catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha"))], true));

        Assert.Empty(changed);
    }

    [Fact]
    public void Apply_Should_KeepTheEnvironment_When_ItsFileBecomesUnparsable()
    {
        var catalog = new SpecCatalog();
        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha"))], true));

        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "2", "{{{ not yaml")], true));

        var entry = catalog.Find("alpha")!;
        Assert.False(entry.Removed);
        Assert.True(entry.HasProblems);
    }

    [Fact]
    public void TakeRejections_Should_ReportANeverValidFileOncePerVersion_When_ItDefinesNoEnvironment()
    {
        var catalog = new SpecCatalog();

        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha", "desiredCount: lots"))], true));
        var first = catalog.TakeRejections();
        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha", "desiredCount: lots"))], true));
        var again = catalog.TakeRejections();
        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "2", Valid("alpha", "desiredCount: many"))], true));
        var edited = catalog.TakeRejections();

        var (location, problems) = Assert.Single(first);
        Assert.Equal("/specs/a.yaml", location);
        Assert.Contains(problems, p => p.Contains("desiredCount", StringComparison.Ordinal));
        Assert.Empty(again);
        Assert.Single(edited);
        Assert.Null(catalog.Find("alpha"));
    }

    private static SourceListing Listing(params string[] envs) =>
        new(Source, [.. envs.Select(e => Doc(e + ".yaml", "1", Valid(e)))], Complete: true);

    [Fact]
    public void Apply_Should_TombstoneAndPruneOnlyAfterTheGraceAndTwoListings_When_ASpecStaysGone()
    {
        var clock = new FakeTimeProvider();
        var catalog = new SpecCatalog(clock, TimeSpan.FromMinutes(10));
        catalog.Apply(Listing("alpha", "beta", "gamma"));

        var changed = catalog.Apply(Listing("beta", "gamma"));
        var entry = catalog.Find("alpha")!;
        clock.Advance(TimeSpan.FromMinutes(11));
        var dueAfterOneListing = catalog.PruneDue("alpha");
        var second = catalog.Apply(Listing("beta", "gamma"));
        var third = catalog.Apply(Listing("beta", "gamma"));

        Assert.Equal(["alpha"], changed);
        Assert.True(entry.Removed);
        Assert.Equal(new Tombstone(Source, clock.Start, TimeSpan.FromMinutes(10), 1), entry.Tombstone);
        Assert.False(dueAfterOneListing); // the grace is over, but one listing is not enough
        Assert.Equal(["alpha"], second); // due: queued once
        Assert.Empty(third);
        Assert.True(catalog.PruneDue("alpha"));
        Assert.Equal(3, catalog.Find("alpha")!.Tombstone!.Listings);
    }

    [Fact]
    public void PruneDue_Should_BeFalse_When_TheGraceIsNotOverOrTheLatestListingFailed()
    {
        var clock = new FakeTimeProvider();
        var catalog = new SpecCatalog(clock, TimeSpan.FromMinutes(10));
        catalog.Apply(Listing("alpha", "beta"));
        catalog.Apply(Listing("beta"));
        clock.Advance(TimeSpan.FromMinutes(5));
        catalog.Apply(Listing("beta"));
        var withinGrace = catalog.PruneDue("alpha");

        clock.Advance(TimeSpan.FromMinutes(6));
        catalog.Apply(new SourceListing(Source, [], Complete: false, Error: "AccessDenied"));
        var afterFailure = catalog.PruneDue("alpha");
        catalog.Apply(Listing("beta"));

        Assert.False(withinGrace);
        Assert.False(afterFailure); // Flux's rule: no prune while the source is failing
        Assert.True(catalog.PruneDue("alpha"));
    }

    [Fact]
    public void Apply_Should_CancelTheTombstone_When_TheSpecReturns()
    {
        var clock = new FakeTimeProvider();
        var catalog = new SpecCatalog(clock, TimeSpan.FromMinutes(10));
        catalog.Apply(Listing("alpha", "beta"));
        catalog.Apply(Listing("beta"));
        clock.Advance(TimeSpan.FromSeconds(30));

        var changed = catalog.Apply(Listing("alpha", "beta"));
        clock.Advance(TimeSpan.FromMinutes(20));
        catalog.Apply(Listing("alpha", "beta"));
        catalog.Apply(Listing("alpha", "beta"));

        Assert.Equal(["alpha"], changed);
        var entry = catalog.Find("alpha")!;
        Assert.False(entry.Removed);
        Assert.Null(entry.Tombstone);
        Assert.False(catalog.PruneDue("alpha"));
    }

    [Fact]
    public void Apply_Should_UseTheGraceOfTheLastSpecSeen_When_ItSetsPruneGrace()
    {
        var clock = new FakeTimeProvider();
        var catalog = new SpecCatalog(clock, TimeSpan.FromMinutes(10));
        var alpha = TestSpecs.SampleText("alpha", t => t.Replace("  prune: true ", "  pruneGrace: 45s\n  prune: true ", StringComparison.Ordinal));
        catalog.Apply(new SourceListing(Source, [Doc("alpha.yaml", "1", alpha), Doc("beta.yaml", "1", Valid("beta"))], true));

        catalog.Apply(Listing("beta"));
        clock.Advance(TimeSpan.FromSeconds(46));
        catalog.Apply(Listing("beta"));

        Assert.Equal(TimeSpan.FromSeconds(45), catalog.Find("alpha")!.Tombstone!.Grace);
        Assert.True(catalog.PruneDue("alpha"));
    }

    [Fact]
    public void Apply_Should_RemoveNothingAndReportIt_When_ACompleteListingHasNoSpecAtAll()
    {
        var clock = new FakeTimeProvider();
        var catalog = new SpecCatalog(clock, TimeSpan.FromSeconds(1));
        catalog.Apply(Listing("alpha", "beta"));

        var changed = catalog.Apply(new SourceListing(Source, [], Complete: true));
        clock.Advance(TimeSpan.FromMinutes(1));
        catalog.Apply(new SourceListing(Source, [], Complete: true));
        var guards = catalog.TakeGuardReports();
        var held = catalog.GuardsOf(Source + "alpha.yaml");
        catalog.Apply(Listing("alpha", "beta"));

        Assert.Empty(changed);
        Assert.All(catalog.Entries, e => Assert.False(e.Removed));
        var (source, guard) = Assert.Single(guards); // reported once, not at every listing
        Assert.Equal(Source, source);
        Assert.Contains("lists no spec at all", guard, StringComparison.Ordinal);
        Assert.Equal([guard!], held);
        Assert.Equal([(Source, (string?)null)], catalog.TakeGuardReports()); // lifted by a listing that looks whole
        Assert.Empty(catalog.GuardsOf(Source + "alpha.yaml"));
    }

    [Fact]
    public void Apply_Should_RemoveNothing_When_AListingLosesMoreThanTheMaxFractionAtOnce()
    {
        var clock = new FakeTimeProvider();
        var catalog = new SpecCatalog(clock, TimeSpan.FromSeconds(1), maxPruneFraction: 0.5);
        catalog.Apply(Listing("alpha", "beta", "gamma", "delta"));

        var threeLost = catalog.Apply(Listing("delta"));
        var guard = Assert.Single(catalog.TakeGuardReports()).Guard;
        var twoLost = catalog.Apply(Listing("gamma", "delta"));

        Assert.Empty(threeLost);
        Assert.Contains("lost 3 of its 4 environments at once", guard, StringComparison.Ordinal);
        Assert.Equal(["alpha", "beta"], twoLost.Order(StringComparer.Ordinal)); // half is not more than half
        Assert.All(twoLost, e => Assert.True(catalog.Find(e)!.Removed));
        Assert.False(catalog.Find("gamma")!.Removed);
    }

    /// <summary>A container value that reads as a reference to a resource the spec does not define: valid field by field, but no graph.</summary>
    private static string GraphError(string env) => Valid(env).Replace("DJANGO_SETTINGS_MODULE: app.settings.production", "DJANGO_SETTINGS_MODULE: \"${subnet/nope}\"", StringComparison.Ordinal);

    [Fact]
    public void Apply_Should_KeepTheLastValidSpecAndReportTheGraphError_When_AnEditCannotBeExpandedIntoAGraph()
    {
        var catalog = new SpecCatalog();
        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha"))], true));
        var inForce = catalog.Find("alpha")!.InForce;

        var changed = catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "2", GraphError("alpha"))], true));
        var again = catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "2", GraphError("alpha"))], true));

        var entry = catalog.Find("alpha")!;
        Assert.Equal(["alpha"], changed);
        Assert.Empty(again); // the same version is not loaded, nor reported, again
        Assert.Same(inForce, entry.InForce);
        Assert.NotNull(entry.InForce.Graph);
        Assert.Equal(["/specs/a.yaml:1:1: error: task-definition/app depends on subnet/nope, which the spec does not define"], entry.Problems);
    }

    [Fact]
    public void Apply_Should_RejectTheFileOnce_When_ItsFirstVersionCannotBeExpandedIntoAGraph()
    {
        var catalog = new SpecCatalog();

        var changed = catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", GraphError("alpha"))], true));
        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", GraphError("alpha"))], true));

        Assert.Empty(changed);
        Assert.Null(catalog.Find("alpha"));
        var (location, problems) = Assert.Single(catalog.TakeRejections());
        Assert.Equal("/specs/a.yaml", location);
        Assert.Contains("depends on subnet/nope", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Should_ReportTheClashAsTheCliDoes_When_TwoFilesDefineAnEnvironmentInForce()
    {
        var catalog = new SpecCatalog();
        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha"))], true));

        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha")), Doc("b.yaml", "1", Valid("alpha"))], true));

        var entry = catalog.Find("alpha")!;
        Assert.Equal("/specs/a.yaml", entry.Location);
        Assert.Equal(2, entry.Problems.Count);
        Assert.Contains(entry.Problems, p => p.StartsWith("/specs/a.yaml:", StringComparison.Ordinal) && p.EndsWith("error: metadata.name: environment 'alpha' is also defined in /specs/b.yaml; neither file is applied", StringComparison.Ordinal));
        Assert.Contains(entry.Problems, p => p.StartsWith("/specs/b.yaml:", StringComparison.Ordinal) && p.EndsWith("is also defined in /specs/a.yaml; neither file is applied", StringComparison.Ordinal));
    }
}
