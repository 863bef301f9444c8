using Reconciler.Cli;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Cli;

/// <summary>validate through the load pipeline: a graph error is an error of its file, as the controller reports it.</summary>
public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_Should_Exit1WithTheGraphErrorAtTheTopOfTheFile_When_ASpecCannotBeExpandedIntoAGraph()
    {
        var path = TestSpecs.WriteSpec(TestSpecs.SampleText("gra", t => t.Replace("DJANGO_SETTINGS_MODULE: app.settings.production", "DJANGO_SETTINGS_MODULE: \"${subnet/nope}\"", StringComparison.Ordinal)));
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await CliApp.RunAsync(["validate", path], output, errors, TimeProvider.System);

        Assert.Equal(1, exit);
        Assert.Contains($"{path}:1:1: error: task-definition/app depends on subnet/nope, which the spec does not define", errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }
}
