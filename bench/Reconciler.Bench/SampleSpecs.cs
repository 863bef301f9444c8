using System.Text.RegularExpressions;
using Reconciler.Model.Graph;
using Reconciler.Model.Loading;

namespace Reconciler.Bench;

/// <summary>
/// The sample spec copied under many environment names. Names that AWS wants unique in the account are derived from
/// metadata.name already (<c>&lt;env&gt;-app</c>); the ones used as written (the log group, the DNS name and with it the
/// certificate's domain) get the environment's name too, as the integration tests' <c>TestSpecs.Isolated</c> does.
/// </summary>
internal static partial class SampleSpecs
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Sample { get; } = File.ReadAllText(Path.Combine(RepoRoot, "samples", "environment.yaml"));

    public static string EnvironmentName(string prefix, int index) => $"{prefix}-{index:D4}";

    public static string For(string environment) => MetadataName().Replace(Sample, $"  name: {environment}", 1)
        .Replace("/ecs/app", $"/ecs/{environment}", StringComparison.Ordinal)
        .Replace("api.example.com", $"{environment}.example.com", StringComparison.Ordinal);

    public static IReadOnlyList<string> Many(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => For(EnvironmentName(prefix, i)))];

    /// <summary>Load (parse, bind, validate) and build the graph; a bench on an invalid spec measures nothing, so it throws.</summary>
    public static (LoadedSpec Spec, ResourceGraph Graph) Load(string text)
    {
        var loaded = SpecLoader.LoadText(text, "environment.yaml");
        if (!loaded.IsValid)
        {
            throw new InvalidOperationException("the generated spec is invalid: " + string.Join("; ", loaded.Errors));
        }

        var (graph, errors) = GraphBuilder.Build(loaded.Document!);
        return graph is null ? throw new InvalidOperationException("no graph: " + string.Join("; ", errors)) : (loaded, graph);
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Reconciler.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^  name: demo\\b", RegexOptions.Multiline)]
    private static partial Regex MetadataName();
}
