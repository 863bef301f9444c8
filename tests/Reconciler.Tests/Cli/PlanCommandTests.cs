using Reconciler.Cli;
using Reconciler.Tests.Controller;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Cli;

/// <summary><c>reconciler plan --format markdown</c> on moto_server, as samples/ci/ runs it in a pull request.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PlanCommandTests
{
    [Fact]
    public async Task Create_Should_WriteAMarkdownPlanPerEnvironment_When_FormatIsMarkdown()
    {
        var first = TestSpecs.UniqueName("md");
        var second = TestSpecs.UniqueName("md");
        var dir = Directory.CreateTempSubdirectory("reconciler-md-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, first + ".yaml"), ControllerRig.SmallSpec(first));
            await File.WriteAllTextAsync(Path.Combine(dir, second + ".yaml"), ControllerRig.SmallSpec(second));
            using var output = new StringWriter();
            using var errors = new StringWriter();

            var exit = await CliApp.RunAsync(["plan", dir, "--format", "markdown", "--detailed-exitcode"], output, errors, TimeProvider.System);

            var text = output.ToString();
            Assert.True(exit == 2, $"{exit}\n{text}\n{errors}"); // changes to make: nothing exists yet
            Assert.StartsWith(PlanMarkdown.Marker, text, StringComparison.Ordinal);
            Assert.Contains("2 environments with changes of 2", text, StringComparison.Ordinal);
            Assert.Contains($"<summary><strong>{first}</strong>", text, StringComparison.Ordinal);
            Assert.Contains($"<summary><strong>{second}</strong>", text, StringComparison.Ordinal);
            Assert.Contains("- **create** `vpc/main`", text, StringComparison.Ordinal);
            Assert.Contains("  - `cidr`: `10.9.0.0/16`", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Plan for ", text, StringComparison.Ordinal); // not the text format
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
