using System.Text.RegularExpressions;
using Reconciler.Model.Graph;
using Reconciler.Model.Loading;
using Reconciler.Model.Spec;

namespace Reconciler.Tests.Integration;

/// <summary>The sample spec under a unique environment name, so tests sharing one moto_server never meet.</summary>
internal static partial class TestSpecs
{
    public static string RepoRoot { get; } = FindRoot();

    public static string SamplePath => Path.Combine(RepoRoot, "samples", "environment.yaml");

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// The sample as a whole environment that shares the account with others: the names used as written, which two
    /// environments cannot share (the log group, the DNS name), get the environment's name too.
    /// </summary>
    public static string Isolated(string environment, Func<string, string>? edit = null) =>
        SampleText(environment, t => (edit ?? (x => x))(t
            .Replace("/ecs/app", $"/ecs/{environment}", StringComparison.Ordinal)
            .Replace("api.example.com", $"{environment}.example.com", StringComparison.Ordinal)));

    /// <summary>The sample's text with its environment renamed and optional textual edits.</summary>
    public static string SampleText(string environment, Func<string, string>? edit = null)
    {
        var text = MetadataName().Replace(File.ReadAllText(SamplePath), $"  name: {environment}", 1);
        return edit is null ? text : edit(text);
    }

    /// <summary>
    /// A small pruning, enforcing environment in the test region: <paramref name="spec"/> is what goes under
    /// <c>spec:</c> besides region, mode and prune, written from column 0.
    /// </summary>
    public static string Small(string environment, string spec) =>
        $"apiVersion: reconciler/v1\nkind: Environment\nmetadata:\n  name: {environment}\nspec:\n  region: {EngineHarness.Region}\n  mode: enforce\n  prune: true\n" +
        string.Join('\n', spec.Split('\n').Select(line => "  " + line));

    /// <summary>The sample's execution role line (the environment's own role).</summary>
    public const string OwnExecutionRole = "executionRole: { own: true }";

    /// <summary>The sample's text with a shared execution role instead of its own (for the tests of shared roles).</summary>
    public static string WithSharedExecutionRole(string text, string role = "ecsTaskExecutionRole") =>
        text.Replace(OwnExecutionRole, $"executionRole: {role}", StringComparison.Ordinal);

    /// <summary>Writes the spec to a temporary file and returns the path.</summary>
    public static string WriteSpec(string text)
    {
        var dir = Path.Combine(Path.GetTempPath(), "reconciler-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "environment.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    public static (EnvironmentDocument Document, ResourceGraph Graph) Load(string text)
    {
        var loaded = SpecLoader.LoadText(text, "test.yaml");
        Assert.True(loaded.IsValid, string.Join(Environment.NewLine, loaded.Errors));
        var (graph, errors) = GraphBuilder.Build(loaded.Document!);
        Assert.True(graph is not null, string.Join(Environment.NewLine, errors));
        return (loaded.Document!, graph!);
    }

    /// <summary>The folder holding Reconciler.sln: above the test binaries, else above this source file.</summary>
    private static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? string.Empty })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
            {
                dir = dir.Parent;
            }

            if (dir is not null)
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Reconciler.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^  name: demo\\b", RegexOptions.Multiline)]
    private static partial Regex MetadataName();
}
