using System.Text;
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
        Assert.Contains("defined in 2 files", Assert.Single(entry.Problems), StringComparison.Ordinal);
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
        catalog.Apply(new SourceListing(Source, [Doc("a.yaml", "1", Valid("alpha"))], true));

        var changed = catalog.Apply(new SourceListing(Source, [], Complete: true));

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
}
