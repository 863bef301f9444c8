using Reconciler.Model.Graph;
using Reconciler.Model.Validation;
using Reconciler.Model.Yaml;

namespace Reconciler.Model.Loading;

/// <summary>
/// The one load pipeline, used by the CLI and the controller alike: <see cref="SpecLoader"/>'s stages (bytes, YAML,
/// records, validation), then the graph, then the check across files (one environment name, one file). Every problem
/// is a <see cref="Diagnostic"/> on the spec it concerns, so a spec is either valid with its graph or invalid with its
/// reasons; nothing throws for bad input.
/// </summary>
internal static class SpecPipeline
{
    /// <summary>Every <c>*.yaml</c> and <c>*.yml</c> file named or found below the folders named, checked together.</summary>
    public static IReadOnlyList<LoadedSpec> LoadPaths(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                    .Where(SpecLoader.IsSpecFile)
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(path);
            }
        }

        return WithUniqueNames([.. files.Distinct(StringComparer.Ordinal).Select(f => Expand(SpecLoader.LoadFile(f)))]);
    }

    /// <summary>One document of a source (the controller checks names across its documents with <see cref="WithUniqueNames"/>).</summary>
    public static LoadedSpec LoadBytes(ReadOnlySpan<byte> bytes, string file) => Expand(SpecLoader.LoadBytes(bytes, file));

    /// <summary>
    /// A valid spec with its graph. The graph's errors (a dependency on something the spec does not define, a cycle)
    /// belong to no single field, so they are reported at the top of the file, as the CLI always printed them.
    /// </summary>
    public static LoadedSpec Expand(LoadedSpec spec)
    {
        if (!spec.IsValid)
        {
            return spec;
        }

        var (graph, errors) = GraphBuilder.Build(spec.Document!);
        return graph is not null
            ? spec with { Graph = graph }
            : spec with { Diagnostics = [.. spec.Diagnostics, .. errors.Select(e => new Diagnostic(Severity.Error, spec.File, SourceMark.Start, string.Empty, e))] };
    }

    /// <summary>
    /// The same environment name in two files is an error for both: neither can be applied. Specs without a clash come
    /// back as the same instances, so a caller can tell an unchanged spec by reference.
    /// </summary>
    public static IReadOnlyList<LoadedSpec> WithUniqueNames(IReadOnlyList<LoadedSpec> specs)
    {
        var byName = specs.Where(s => s.Document is { } d && d.Name.Length > 0)
            .GroupBy(s => s.Document!.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (byName.Count == 0)
        {
            return specs;
        }

        return [.. specs.Select(spec =>
        {
            if (spec.Document is not { } doc || !byName.TryGetValue(doc.Name, out var clash))
            {
                return spec;
            }

            var others = string.Join(", ", clash.Where(c => !ReferenceEquals(c, spec)).Select(c => c.File));
            var diagnostic = new Diagnostic(Severity.Error, spec.File, spec.Positions.Find("metadata.name"), "metadata.name",
                $"environment '{doc.Name}' is also defined in {others}; neither file is applied");
            return spec with { Diagnostics = [.. spec.Diagnostics, diagnostic], Graph = null };
        })];
    }
}
