using System.Text;
using Reconciler.Model.Loading;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Loading;

/// <summary>The one load pipeline: validation, the graph and the check across files, each problem a diagnostic.</summary>
public sealed class SpecPipelineTests
{
    /// <summary>Valid field by field (a container value may be any text), but the text reads as a reference to nothing.</summary>
    private static readonly string GraphError = Mutate("environment: { MODE: production }", "environment: { MODE: \"${subnet/nope}\" }");

    [Fact]
    public void LoadBytes_Should_ReturnTheGraph_When_TheSpecIsValid()
    {
        var spec = SpecPipeline.LoadBytes(Encoding.UTF8.GetBytes(Base), FileName);

        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        Assert.NotNull(spec.Graph);
        Assert.Equal("test", spec.Graph.Environment);
        Assert.Contains(spec.Graph.Resources, r => r.LogicalId == "task-definition/app");
    }

    [Fact]
    public void LoadBytes_Should_MakeTheSpecInvalidWithAPositionedError_When_ItsGraphCannotBeBuilt()
    {
        var validated = SpecLoader.LoadText(GraphError, FileName);

        var spec = SpecPipeline.LoadBytes(Encoding.UTF8.GetBytes(GraphError), FileName);

        Assert.True(validated.IsValid, string.Join("\n", validated.Diagnostics)); // the validator alone lets it through
        Assert.False(spec.IsValid);
        Assert.Null(spec.Graph);
        Assert.Equal($"{FileName}:1:1: error: task-definition/app depends on subnet/nope, which the spec does not define", Assert.Single(spec.Errors).ToString());
    }

    [Fact]
    public void LoadPaths_Should_ReportTheGraphErrorOfOneFileOnly_When_AFolderHoldsItBesideAValidSpec()
    {
        var dir = Directory.CreateTempSubdirectory("reconciler-pipeline-").FullName;
        var broken = Path.Combine(dir, "a.yaml");
        var valid = Path.Combine(dir, "b.yaml");
        File.WriteAllText(broken, GraphError);
        File.WriteAllText(valid, Mutate("  name: test", "  name: other"));

        var specs = SpecPipeline.LoadPaths([dir]);
        Directory.Delete(dir, recursive: true);

        Assert.Equal([broken, valid], specs.Select(s => s.File));
        Assert.Contains("depends on subnet/nope", Assert.Single(specs[0].Errors).Message, StringComparison.Ordinal);
        Assert.True(specs[1].IsValid);
        Assert.NotNull(specs[1].Graph);
    }

    [Fact]
    public void WithUniqueNames_Should_ReturnTheSameInstances_When_NoNameIsDefinedTwice()
    {
        var one = SpecPipeline.LoadBytes(Encoding.UTF8.GetBytes(Base), "one.yaml");
        var two = SpecPipeline.LoadBytes(Encoding.UTF8.GetBytes(Mutate("  name: test", "  name: other")), "two.yaml");

        var checkedSpecs = SpecPipeline.WithUniqueNames([one, two]);

        Assert.Same(one, checkedSpecs[0]);
        Assert.Same(two, checkedSpecs[1]);
    }

    [Fact]
    public void WithUniqueNames_Should_InvalidateBothAndDropTheirGraphs_When_TwoSpecsShareAName()
    {
        var one = SpecPipeline.LoadBytes(Encoding.UTF8.GetBytes(Base), "one.yaml");
        var two = SpecPipeline.LoadBytes(Encoding.UTF8.GetBytes(Base), "two.yaml");

        var checkedSpecs = SpecPipeline.WithUniqueNames([one, two]);

        Assert.All(checkedSpecs, s => Assert.False(s.IsValid));
        Assert.All(checkedSpecs, s => Assert.Null(s.Graph));
        Assert.EndsWith("error: metadata.name: environment 'test' is also defined in two.yaml; neither file is applied", Assert.Single(checkedSpecs[0].Errors).ToString(), StringComparison.Ordinal);
    }
}
