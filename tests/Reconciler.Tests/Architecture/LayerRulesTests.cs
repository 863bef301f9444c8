using System.Text.RegularExpressions;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Architecture;

/// <summary>
/// The layer rules of docs/architecture.md, checked on the source: the model references nothing of AWS or hosting;
/// providers (Kinds/, Providers/) and AWS clients never reference the engine, the controller or the CLI, and never wait
/// inline (readiness is answered, the caller requeues); the engine never references the controller or the CLI.
/// </summary>
public sealed partial class LayerRulesTests
{
    [Theory]
    [InlineData("src/Reconciler.Model", "\\bAmazon\\.|Reconciler\\.(Aws|Providers|Kinds|Engine|Controller|Cli|Leases)\\b")]
    [InlineData("src/Reconciler/Kinds", "Reconciler\\.(Engine|Controller|Cli|Leases)\\b|\\b(ApplyExecutor|ReconcileEngine|EnvironmentReconciler)\\b")]
    [InlineData("src/Reconciler/Providers", "Reconciler\\.(Engine|Controller|Cli|Leases)\\b|\\b(ApplyExecutor|ReconcileEngine|EnvironmentReconciler)\\b")]
    [InlineData("src/Reconciler/Aws", "Reconciler\\.(Engine|Controller|Cli|Leases|Providers|Kinds)\\b")]
    // The dashboard shows what the controller and the engine report; it never calls AWS or the CLI itself.
    [InlineData("src/Reconciler/Web", "\\bAmazon\\.|Reconciler\\.(Aws|Providers|Kinds|Cli|Leases)\\b")]
    [InlineData("src/Reconciler/Engine", "Reconciler\\.(Controller|Cli|Leases)\\b")]
    public void Sources_Should_NotReference_When_TheLayerIsBelow(string folder, string forbidden)
    {
        var offenders = Offenders(folder, new Regex(forbidden));

        Assert.True(offenders.Count == 0, $"{folder} references what its layer may not:\n{string.Join("\n", offenders)}");
    }

    [Theory]
    [InlineData("src/Reconciler/Kinds")]
    [InlineData("src/Reconciler/Providers")]
    public void Providers_Should_NotWaitInline_When_AResourceIsNotReady(string folder)
    {
        var offenders = Offenders(folder, InlineWait());

        Assert.True(offenders.Count == 0, $"a provider waits inline instead of answering not ready:\n{string.Join("\n", offenders)}");
    }

    [Fact]
    public void Model_Should_ReferenceNoAwsAssembly_When_Built()
    {
        var references = typeof(Reconciler.Model.Graph.ResourceGraph).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty);

        Assert.DoesNotContain(references, name => name.StartsWith("AWSSDK", StringComparison.Ordinal));
    }

    private static List<string> Offenders(string folder, Regex forbidden)
    {
        var root = Path.Combine(TestSpecs.RepoRoot, folder);
        Assert.True(Directory.Exists(root), root);
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && !x.line.TrimStart().StartsWith("///", StringComparison.Ordinal) && forbidden.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(TestSpecs.RepoRoot, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
    }

    [GeneratedRegex(@"Task\.Delay\(|Thread\.Sleep\(|\bPeriodicTimer\b")]
    private static partial Regex InlineWait();
}
