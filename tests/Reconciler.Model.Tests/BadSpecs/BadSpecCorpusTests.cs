using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Reconciler.Model.Loading;
using Reconciler.Model.Validation;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.BadSpecs;

/// <summary>
/// The corpus of bad specs in <c>BadSpecs/corpus</c>: one file per way a spec can be wrong, each with the error it
/// must produce (see BadSpecs/README.md for the format). The files are read from the source tree, found through
/// <see cref="TestSpecs.RepositoryRoot"/>, so that the tests also run when the binaries are built elsewhere.
/// Inputs too large to commit (a 50 MB file, names of 400,000 characters) are generated here, in memory or in a
/// temporary folder.
/// </summary>
public sealed partial class BadSpecCorpusTests
{
    private const int MinimumCorpusSize = 45;

    private static readonly string Folder = Path.Combine(RepositoryRoot(), "tests", "Reconciler.Model.Tests", "BadSpecs");

    private static readonly string CorpusFolder = Path.Combine(Folder, "corpus");

    private static readonly string GoodFolder = Path.Combine(Folder, "good");

    public static TheoryData<string> CorpusFiles() => [.. CorpusNames()];

    public static TheoryData<string> GoodFiles() =>
        [.. Directory.EnumerateFiles(GoodFolder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void LoadFile_Should_ReportTheExpectedErrorWithoutThrowing_When_TheSpecIsBad(string name)
    {
        var path = Path.Combine(CorpusFolder, name);
        var expectations = ReadExpectations(path);

        var spec = Hostile.Load(() => SpecLoader.LoadFile(path), name);

        Hostile.AssertSound(spec, path);
        Assert.False(spec.IsValid, $"{name} loaded as valid");
        Assert.NotEmpty(spec.Errors);
        foreach (var expected in expectations)
        {
            Assert.True(
                spec.Errors.Any(expected.Matches),
                $"{name}: no error {expected}. Diagnostics:\n{string.Join("\n", spec.Diagnostics.Select(Show))}");
        }
    }

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void LoadFile_Should_AcceptTheSpec_When_OnlyItsEncodingOrLayoutIsUnusual(string name)
    {
        var path = Path.Combine(GoodFolder, name);

        var spec = Hostile.Load(() => SpecLoader.LoadFile(path), name);

        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics.Select(Show)));
        Assert.Empty(spec.Diagnostics);
        Assert.Equal("test", spec.Document!.Name);
        Assert.Equal("eu-west-1", spec.Document.Spec.Region);
    }

    [Fact]
    public void Corpus_Should_HoldEnoughCasesEachWithAnExpectation_When_ItIsListed()
    {
        var names = CorpusNames();

        Assert.True(names.Count >= MinimumCorpusSize, $"only {names.Count} cases in {CorpusFolder}");
        Assert.All(names, name => Assert.NotEmpty(ReadExpectations(Path.Combine(CorpusFolder, name))));
        var orphans = Directory.EnumerateFiles(CorpusFolder, "*.expect")
            .Where(f => !File.Exists(f[..^".expect".Length]))
            .ToList();
        Assert.Empty(orphans);
    }

    [Fact]
    public void LoadFile_Should_LoadTheWholeCorpusInSeconds_When_EveryCaseIsLoadedInTurn()
    {
        var names = CorpusNames();
        var clock = Stopwatch.StartNew();

        foreach (var name in names)
        {
            var spec = SpecLoader.LoadFile(Path.Combine(CorpusFolder, name));
            Assert.False(spec.IsValid, name);
        }

        clock.Stop();
        // A bound against hangs and blow-ups, not a benchmark: the corpus loads in well under a second.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{names.Count} files took {clock.Elapsed}");
    }

    [Fact]
    public void LoadFile_Should_RefuseAFiftyMegabyteFileBeforeReadingIt_When_ItIsFarAboveTheLimit()
    {
        var dir = Directory.CreateTempSubdirectory("badspecs-");
        try
        {
            var path = Path.Combine(dir.FullName, "fifty-megabytes.yaml");
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write("apiVersion: reconciler/v1\n"u8);
                stream.SetLength(50L * 1024 * 1024); // the rest is zeros, sparse where the file system allows
            }

            var clock = Stopwatch.StartNew();
            var spec = Hostile.Load(() => SpecLoader.LoadFile(path), "a 50 MB file");
            var folder = Hostile.Load(() => Assert.Single(SpecPipeline.LoadPaths([dir.FullName])), "a folder holding a 50 MB file");
            clock.Stop();

            foreach (var loaded in new[] { spec, folder })
            {
                var error = AssertOnlyError(loaded, (1, 1), "the file is 52,428,800 bytes; a spec may be at most 1,048,576 bytes");
                Assert.Equal(path, error.File);
                Assert.Null(loaded.Document);
            }

            Assert.True(clock.Elapsed < Hostile.CallTimeout, $"took {clock.Elapsed}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadPaths_Should_ReportTheClashInBothFiles_When_TwoFilesNamedOnTheCommandLineDefineOneEnvironment()
    {
        var dir = Directory.CreateTempSubdirectory("badspecs-");
        try
        {
            var first = Path.Combine(dir.FullName, "blue.yaml");
            var second = Path.Combine(dir.FullName, "green.yml");
            File.WriteAllText(first, Base, Encoding.UTF8);
            File.WriteAllText(second, Mutate(Base, "  region: eu-west-1", "  region: eu-west-1\n  mode: detect"), Encoding.UTF8);

            var specs = SpecPipeline.LoadPaths([first, second]);

            Assert.Equal([first, second], specs.Select(s => s.File));
            Assert.All(specs, s => Assert.False(s.IsValid));
            var at = PositionOf(Base, "test", after: "metadata:");
            AssertError(specs[0], "metadata.name", at, $"environment 'test' is also defined in {second}; neither file is applied");
            AssertError(specs[1], "metadata.name", at, $"environment 'test' is also defined in {first}; neither file is applied");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadText_Should_ReportTheDanglingReferenceWithoutThrowing_When_ItAndASubnetHaveNamesOf400000Characters()
    {
        // Regression: "did you mean" compared the two names with a (400,001 x 400,001) table, which threw
        // OutOfMemoryException ("Array dimensions exceeded supported range"); names of 20,000 characters took 18 s.
        var subnet = new string('a', 400_000);
        var reference = new string('b', 400_000);
        var yaml = Mutate(Base, "{ name: private-b,", $"{{ name: {subnet},");
        yaml = Mutate(yaml, "subnets: [private-a, private-b]", $"subnets: [private-a, {reference}]");

        var spec = Hostile.Load(() => Load(yaml), "names of 400,000 characters");

        Hostile.AssertSound(spec, FileName, yaml);
        var error = Assert.Single(spec.Errors, e => e.Path == "spec.databases[0].subnets[1]");
        Assert.StartsWith("no subnet named 'bbbb", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Inputs just under the 1 MiB limit, each built to stress one part of the reader.</summary>
    public static TheoryData<string> NearLimitShapes() =>
    [
        "one-long-line", "duplicate-keys", "unknown-keys", "flow-mapping-keys", "unclosed-flow-list", "aliases",
        "anchors", "dash-soup", "colon-soup", "closing-brackets", "tabs", "lone-carriage-returns", "many-documents",
    ];

    [Theory]
    [MemberData(nameof(NearLimitShapes))]
    public void LoadText_Should_FinishWithAnError_When_AnInputNearTheSizeLimitIsPathological(string shape)
    {
        var yaml = NearLimit(shape);
        Assert.InRange(Encoding.UTF8.GetByteCount(yaml), 1, (int)SpecLoader.MaxFileBytes);

        var spec = Hostile.Load(() => Load(yaml), shape);

        Hostile.AssertSound(spec, FileName, yaml);
        Assert.False(spec.IsValid);
    }

    private static string NearLimit(string shape)
    {
        const int size = (int)SpecLoader.MaxFileBytes - 64;
        var head = "apiVersion: reconciler/v1\nkind: Environment\nmetadata: { name: t }\nspec:\n  region: eu-west-1\n";
        var text = shape switch
        {
            "one-long-line" => "a: " + new string('x', size),
            "duplicate-keys" => Repeat("a: 1\n", size),
            "unknown-keys" => head + string.Concat(Enumerable.Range(0, size / 12).Select(i => $"  k{i}: 1\n")),
            "flow-mapping-keys" => "a: {" + string.Concat(Enumerable.Range(0, size / 12).Select(i => $"k{i}: v, ")) + "}\n",
            "unclosed-flow-list" => "a: [" + Repeat("x, ", size),
            "aliases" => "a: &a x\nb: [" + Repeat("*a, ", size - 16) + "]\n",
            "anchors" => "b: [" + string.Concat(Enumerable.Range(0, size / 12).Select(i => $"&a{i} x, ")) + "]\n",
            "dash-soup" => Repeat("- ", size),
            "colon-soup" => new string(':', size),
            "closing-brackets" => new string(']', size),
            "tabs" => new string('\t', size),
            "lone-carriage-returns" => head.Replace('\n', '\r') + Repeat("  bogus: 1\r", size - 100),
            "many-documents" => Repeat("---\n", size),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
        };
        return text.Length > size ? text[..size] : text;
    }

    private static string Repeat(string unit, int size) => new StringBuilder(size + unit.Length).Insert(0, unit, size / unit.Length).ToString();

    private static List<string> CorpusNames() =>
        [.. Directory.EnumerateFiles(CorpusFolder)
            .Where(f => !f.EndsWith(".expect", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The expectations of a corpus file: the lines of its sidecar <c>NAME.expect</c> if there is one, else its leading
    /// <c># expect: </c> comment lines. Each reads <c>LINE:COLUMN PATH MESSAGE-FRAGMENT</c>, with <c>-</c> for no path.
    /// </summary>
    private static List<Expectation> ReadExpectations(string path)
    {
        IEnumerable<string> lines;
        if (File.Exists(path + ".expect"))
        {
            lines = File.ReadAllLines(path + ".expect").Where(l => l.Length > 0);
        }
        else
        {
            // Lenient decoding: the comment lines are ASCII even where the rest of the file is not valid UTF-8.
            lines = Encoding.UTF8.GetString(File.ReadAllBytes(path)).Split('\n')
                .Select(l => l.TrimEnd('\r'))
                .TakeWhile(l => l.StartsWith(ExpectPrefix, StringComparison.Ordinal))
                .Select(l => l[ExpectPrefix.Length..]);
        }

        return [.. lines.Select(line =>
        {
            var match = ExpectationLine().Match(line);
            Assert.True(match.Success, $"{Path.GetFileName(path)}: '{line}' is not 'LINE:COLUMN PATH MESSAGE'");
            var fieldPath = match.Groups["path"].Value;
            return new Expectation(
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                fieldPath == "-" ? string.Empty : fieldPath,
                match.Groups["message"].Value);
        })];
    }

    private const string ExpectPrefix = "# expect: ";

    [GeneratedRegex(@"^(?<line>\d+):(?<column>\d+) (?<path>\S+) (?<message>.+)$")]
    private static partial Regex ExpectationLine();

    private static string Show(Diagnostic d)
    {
        var text = $"{d.Mark.Line}:{d.Mark.Column} {(d.IsError ? "error" : "warning")} [{d.Path}] {d.Message}";
        return text.Length > 300 ? text[..300] + "..." : text;
    }

    private sealed record Expectation(int Line, int Column, string Path, string MessagePart)
    {
        public bool Matches(Diagnostic d) =>
            d.IsError && d.Mark.Line == Line && d.Mark.Column == Column && d.Path == Path &&
            d.Message.Contains(MessagePart, StringComparison.Ordinal);

        public override string ToString() => $"at {Line}:{Column} on '{Path}' containing \"{MessagePart}\"";
    }
}
