using Reconciler.Model.Graph;
using Reconciler.Model.Loading;

namespace Reconciler.Model.Tests.Loading;

public sealed class ReadmeSpecTests
{
    [Fact]
    public void TenLineSpec_Should_BeValidAndExpand_When_CopiedFromTheReadme()
    {
        var readme = File.ReadAllText(Path.Combine(TestSpecs.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var text = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        var loaded = SpecLoader.LoadText(text, "README.md");

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        Assert.True(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 12);
        var (graph, errors) = GraphBuilder.Build(loaded.Document!);
        Assert.Empty(errors);
        Assert.Contains(graph!.Resources, r => r.LogicalId == "ecr-repository/api");
    }
}
