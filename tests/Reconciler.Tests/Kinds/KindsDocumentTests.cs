using Reconciler.Model.Graph;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Kinds;

public sealed class KindsDocumentTests
{
    [Fact]
    public void Render_Should_EqualDocsKinds_When_TheKindsAreAsDefined()
    {
        var path = Path.Combine(TestSpecs.RepoRoot, "docs", "kinds.md");
        var rendered = KindsDocument.Render();
        if (Environment.GetEnvironmentVariable("RECONCILER_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, rendered);
        }

        Assert.True(File.Exists(path), "docs/kinds.md is missing: run with RECONCILER_UPDATE_DOCS=1");
        Assert.Equal(rendered, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Define_Should_DocumentEveryFieldTheExpansionWrites_When_TheSampleIsExpanded()
    {
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText("kinds"));

        foreach (var resource in graph.Resources)
        {
            Assert.NotEmpty(resource.Kind.Summary);
            var declared = resource.Kind.Fields.Select(f => f.Name).ToList();
            foreach (var field in resource.Properties.Keys)
            {
                Assert.True(declared.Any(d => FieldPattern.Matches(d, field)), $"{resource.LogicalId}: field '{field}' is not declared in {resource.Kind.Name}'s definition");
            }

            Assert.Equal(resource.Kind.ReplaceOn.Order(StringComparer.Ordinal), resource.Kind.Fields.Where(f => f.ForcesReplacement).Select(f => f.Name).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void All_Should_HaveADefinitionAndPermissions_When_AKindIsManaged()
    {
        foreach (var kind in ResourceKinds.All)
        {
            Assert.False(string.IsNullOrEmpty(kind.Summary), $"{kind.Name} has no summary");
            Assert.NotEmpty(kind.Fields);
            Assert.True(Reconciler.Security.IamActions.ByKind.ContainsKey(kind.Name), $"{kind.Name} has no IAM actions");
        }
    }
}
