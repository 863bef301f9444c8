using System.Diagnostics;
using System.Text;
using Reconciler.Model.Loading;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Loading;

public sealed class SpecLoaderTests
{
    [Fact]
    public void LoadFile_Should_LoadTheSampleWithOnlyTheSshWarning_When_TheSampleIsRead()
    {
        var text = System.IO.File.ReadAllText(SamplePath);

        var spec = SpecLoader.LoadFile(SamplePath);

        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        Assert.Empty(spec.Errors);
        Assert.NotNull(spec.Document);
        Assert.Equal("demo", spec.Document.Name);
        Assert.Equal(SamplePath, spec.File);
        var warning = AssertWarning(spec, "spec.securityGroups[0].ingress[2]", PositionOf(text, "{ protocol: tcp, port: 22,"), "port 22 is open to the whole internet (0.0.0.0/0)");
        Assert.Equal(35, warning.Mark.Line);
        Assert.Single(spec.Warnings);
    }

    [Fact]
    public void LoadText_Should_ReportAllThreeErrorsWithPositions_When_UnknownFieldSubnetOutsideVpcAndDanglingReferenceAreCombined()
    {
        var yaml = Mutate(Base, "  prune: false", "  prnue: false");
        yaml = Mutate(yaml, "cidr: 10.0.1.0/24", "cidr: 10.1.1.0/24");
        yaml = Mutate(yaml, "securityGroups: [web]\n      instanceProfile", "securityGroups: [wbe]\n      instanceProfile");

        var spec = Load(yaml);

        Assert.False(spec.IsValid);
        Assert.Equal(3, spec.Errors.Count());
        AssertError(spec, "spec.prnue", PositionOf(yaml, "prnue"), "unknown field (did you mean 'prune'?)");
        AssertError(spec, "spec.network.subnets[1].cidr", PositionOf(yaml, "10.1.1.0/24"), "10.1.1.0/24 is outside the VPC's 10.0.0.0/16");
        AssertError(spec, "spec.hosts[0].securityGroups[0]", PositionOf(yaml, "wbe"), "no security group named 'wbe' (did you mean 'web'?)");
        Assert.Equal(
            [(7, 3), (15, 51), (41, 24)],
            spec.Errors.Select(e => (e.Mark.Line, e.Mark.Column)));
    }

    [Fact]
    public void LoadText_Should_OrderDiagnosticsByLineAndColumn_When_SeveralProblemsAreFound()
    {
        var yaml = Mutate(Base, "retentionDays: 30", "retentionDays: 31");
        yaml = Mutate(yaml, "  region: eu-west-1", "  region: europe");
        yaml = Mutate(yaml, "kind: Environment", "kind: Environmnt");

        var spec = Load(yaml);

        var marks = spec.Diagnostics.Select(d => (d.Mark.Line, d.Mark.Column)).ToList();
        Assert.True(marks.Count >= 3);
        Assert.Equal(marks.OrderBy(m => m.Line).ThenBy(m => m.Column), marks);
    }

    [Fact]
    public void LoadText_Should_ReportASecondDocument_When_TheFileHoldsTwoYamlDocuments()
    {
        var yaml = Base + "\n---\napiVersion: reconciler/v1\n";

        var spec = Load(yaml);

        AssertError(spec, string.Empty, PositionOf(yaml, "---"), "a second YAML document");
        Assert.False(spec.IsValid);
    }

    [Fact]
    public void LoadText_Should_ReportTheDuplicateWithTheFirstPosition_When_AKeyIsRepeated()
    {
        var yaml = Mutate(Base, "  prune: false\n", "  prune: false\n  region: eu-west-2\n");

        var spec = Load(yaml);

        var first = PositionOf(yaml, "region: eu-west-1");
        AssertError(spec, string.Empty, PositionOf(yaml, "region: eu-west-2"), $"duplicate key 'region' (first at line {first.Line}, column {first.Column})");
        Assert.Equal((6, 3), first);
        Assert.Equal("eu-west-1", spec.Document!.Spec.Region);
        Assert.False(spec.IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void LoadText_Should_ReportAnEmptyFile_When_TheFileHoldsNoDocument(string yaml)
    {
        var spec = Load(yaml);

        AssertOnlyError(spec, (1, 1), "the file is empty");
        Assert.Null(spec.Document);
    }

    [Fact]
    public void LoadText_Should_ReportAYamlSyntaxErrorWithItsPosition_When_TheYamlIsMalformed()
    {
        const string yaml = """
            apiVersion: reconciler/v1
            kind: "Environment
            """;

        var spec = Load(yaml);

        var error = AssertOnlyError(spec, (2, 7), "YAML syntax:");
        Assert.Contains("quoted scalar", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line:", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.yaml:2:7: error: YAML syntax:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_Should_ReportAYamlSyntaxError_When_AFlowMappingIsNotClosed()
    {
        const string yaml = "apiVersion: reconciler/v1\nmetadata: { name: test\n";

        var spec = Load(yaml);

        var error = AssertOnlyError(spec, (3, 1), "YAML syntax:");
        Assert.Contains("flow mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_Should_ReportATabError_When_TabsIndentTheYaml()
    {
        var yaml = Base.Replace("\n  network:", "\n\tnetwork:", StringComparison.Ordinal);
        var line = yaml[..yaml.IndexOf("\tnetwork:", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var spec = Load(yaml);

        var error = Assert.Single(spec.Diagnostics);
        Assert.True(error.IsError);
        Assert.Contains("a tab in the indentation", error.Message, StringComparison.Ordinal);
        Assert.Equal((line, 1), (error.Mark.Line, error.Mark.Column));
        Assert.Null(spec.Document);
    }

    [Fact]
    public void LoadText_Should_AcceptATab_When_ItOnlySeparatesAKeyFromItsValue()
    {
        var yaml = Mutate(Base, "  region: eu-west-1", "  region:\teu-west-1");

        var spec = Load(yaml);

        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        Assert.Equal("eu-west-1", spec.Document!.Spec.Region);
    }

    [Fact]
    public void LoadText_Should_ReportBinaryControlCharacters_When_TheTextHoldsANul()
    {
        const string yaml = "apiVersion: reconciler/v1\nkind: Env\0ironment\n";

        var spec = Load(yaml);

        AssertOnlyError(spec, (2, 10), "a spec is text (binary content?)");
    }

    [Fact]
    public void LoadText_Should_StopQuicklyWithAnError_When_AliasesExpandToABillionNodes()
    {
        const string yaml = """
            a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
            h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
            i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
            """;
        var clock = Stopwatch.StartNew();

        var spec = Load(yaml);

        clock.Stop();
        // a to e expand to about 75,000 nodes; the first *e on line f crosses the limit of 100,000.
        var error = AssertOnlyError(spec, (6, 8), "alias bomb");
        Assert.Contains("100,000 nodes", error.Message, StringComparison.Ordinal);
        Assert.Null(spec.Document);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void LoadText_Should_ReportTooDeepNesting_When_ListsNestBeyondTheLimit()
    {
        var yaml = "a: " + new string('[', 100) + new string(']', 100) + "\n";

        var spec = Load(yaml);

        // "a: " takes three columns; the bracket at depth 65 (the 65th) is the first one past the limit of 64.
        AssertOnlyError(spec, (1, 3 + 65), "nests deeper than 64 levels");
    }

    [Fact]
    public void LoadBytes_Should_ReportNotUtf8WithThePositionOfTheBadByte_When_TheContentIsBinary()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("apiVersion: reconciler/v1\nkind: "), 0xFF, 0x00, 0xC3, 0x28];

        var spec = SpecLoader.LoadBytes(bytes, FileName);

        AssertOnlyError(spec, (2, 7), "not UTF-8 text");
    }

    [Fact]
    public void LoadBytes_Should_AcceptTheSpec_When_ItStartsWithAUtf8ByteOrderMark()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Base)];

        var spec = SpecLoader.LoadBytes(bytes, FileName);

        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        Assert.Empty(spec.Diagnostics);
        Assert.Equal("reconciler/v1", spec.Document!.ApiVersion);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LoadBytes_Should_RejectTheFile_When_ItIsUtf16(bool littleEndian)
    {
        var encoding = littleEndian ? Encoding.Unicode : Encoding.BigEndianUnicode;
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(Base)];

        var spec = SpecLoader.LoadBytes(bytes, FileName);

        AssertOnlyError(spec, (1, 1), "UTF-16; save it as UTF-8");
        Assert.Null(spec.Document);
    }

    [Fact]
    public void LoadBytes_Should_RejectTheContent_When_ItIsAboveOneMebibyte()
    {
        var bytes = new byte[SpecLoader.MaxFileBytes + 1];
        bytes.AsSpan().Fill((byte)'#');

        var spec = SpecLoader.LoadBytes(bytes, FileName);

        AssertOnlyError(spec, (1, 1), "a spec may be at most 1,048,576 bytes");
    }

    [Fact]
    public void LoadFile_Should_RejectTheFile_When_ItIsAboveOneMebibyte()
    {
        using var dir = new TempFolder();
        var path = dir.Write("big.yaml", Padded(Base, (int)SpecLoader.MaxFileBytes + 1));

        var spec = SpecLoader.LoadFile(path);

        var error = AssertOnlyError(spec, (1, 1), "the file is 1,048,577 bytes; a spec may be at most 1,048,576 bytes");
        Assert.Equal(path, error.File);
        Assert.Null(spec.Document);
    }

    [Fact]
    public void LoadFile_Should_LoadTheFile_When_ItIsExactlyOneMebibyte()
    {
        using var dir = new TempFolder();
        var path = dir.Write("limit.yaml", Padded(Base, (int)SpecLoader.MaxFileBytes));

        var spec = SpecLoader.LoadFile(path);

        Assert.Equal(SpecLoader.MaxFileBytes, new FileInfo(path).Length);
        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
    }

    [Fact]
    public void LoadFile_Should_ReportNoSuchFile_When_TheFileIsMissing()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "missing.yaml");

        var spec = SpecLoader.LoadFile(path);

        AssertOnlyError(spec, (1, 1), "no such file");
    }

    [Fact]
    public void LoadPaths_Should_ReportBothFiles_When_TwoFilesDefineTheSameEnvironmentName()
    {
        using var dir = new TempFolder();
        var first = dir.Write("a.yaml", Base);
        var second = dir.Write("b.yml", Base);
        var other = dir.Write("c.yaml", Mutate(Base, "  name: test", "  name: other"));

        var specs = SpecPipeline.LoadPaths([dir.Path]);

        Assert.Equal([first, second, other], specs.Select(s => s.File));
        var at = PositionOf(Base, "test", after: "metadata:");
        var a = AssertError(specs[0], "metadata.name", at, $"environment 'test' is also defined in {second}; neither file is applied");
        var b = AssertError(specs[1], "metadata.name", at, $"environment 'test' is also defined in {first}; neither file is applied");
        Assert.Equal(first, a.File);
        Assert.Equal(second, b.File);
        Assert.False(specs[0].IsValid);
        Assert.False(specs[1].IsValid);
        Assert.True(specs[2].IsValid, string.Join("\n", specs[2].Diagnostics));
    }

    [Fact]
    public void LoadPaths_Should_LoadOnlySpecFiles_When_AFolderHoldsOtherFiles()
    {
        using var dir = new TempFolder();
        var spec = dir.Write("env.yaml", Base);
        dir.Write("notes.txt", "not yaml");
        dir.Write(".hidden.yaml", "not: loaded");
        dir.Write("env.yaml~", "not: loaded");
        Directory.CreateDirectory(Path.Combine(dir.Path, "nested"));
        var nested = dir.Write(Path.Combine("nested", "other.YML"), Mutate(Base, "  name: test", "  name: nested"));

        var specs = SpecPipeline.LoadPaths([dir.Path]);

        Assert.Equal([spec, nested], specs.Select(s => s.File));
        Assert.All(specs, s => Assert.True(s.IsValid, string.Join("\n", s.Diagnostics)));
    }

    [Theory]
    [InlineData("env.yaml", true)]
    [InlineData("env.YML", true)]
    [InlineData(".env.yaml", false)]
    [InlineData("#env.yaml#", false)]
    [InlineData("env.yaml~", false)]
    [InlineData("env.json", false)]
    public void IsSpecFile_Should_AcceptOnlyYamlFiles_When_NamesVary(string name, bool expected)
    {
        Assert.Equal(expected, SpecLoader.IsSpecFile(Path.Combine("folder", name)));
    }

    /// <summary><paramref name="text"/> (ASCII) followed by comment lines, to exactly <paramref name="size"/> bytes.</summary>
    private static string Padded(string text, int size)
    {
        Assert.True(Ascii.IsValid(text));
        var builder = new StringBuilder(text, size).Append('\n');
        while (builder.Length + 81 <= size)
        {
            builder.Append('#', 80).Append('\n');
        }

        builder.Append('#', size - builder.Length);
        return builder.ToString();
    }

    private sealed class TempFolder : IDisposable
    {
        public TempFolder() => Path = Directory.CreateTempSubdirectory("modeltests-").FullName;

        public string Path { get; }

        public string Write(string name, string content)
        {
            var path = System.IO.Path.Combine(Path, name);
            System.IO.File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
