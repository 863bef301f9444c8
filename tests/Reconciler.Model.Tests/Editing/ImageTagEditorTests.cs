using Reconciler.Model.Editing;

namespace Reconciler.Model.Tests.Editing;

public sealed class ImageTagEditorTests
{
    private const string FlowImage = "image: { repository: app, tag: v1 }";

    /// <summary>The text with exactly the one occurrence of <paramref name="old"/> replaced: everything else byte for byte.</summary>
    private static string Only(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(old, at + 1, StringComparison.Ordinal) < 0, $"'{old}' must occur once");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length));
    }

    private static string WithImage(string image) => TestSpecs.Mutate(FlowImage, image);

    [Fact]
    public void SetTag_Should_ChangeOnlyTheTagScalar_When_TheSampleUsesAFlowMappingWithAComment()
    {
        var sample = File.ReadAllText(TestSpecs.SamplePath);

        var edit = ImageTagEditor.SetTag(sample, "environment.yaml", "web", "3f2a9c1");

        Assert.Equal(Only(sample, "tag: latest }   # CI rewrites", "tag: 3f2a9c1 }   # CI rewrites"), edit.Text);
        Assert.Equal(("app", "app:latest", "app:3f2a9c1", true), (edit.Family, edit.OldImage, edit.NewImage, edit.Changed));
    }

    [Fact]
    public void SetTag_Should_KeepTheQuotesAndComments_When_TheImageIsABlockMapping()
    {
        const string block = "image:            # the app\n            repository: app   # ECR\n            tag: \"v1\"         # set by CI";
        var text = WithImage(block).Replace("\n", "\r\n", StringComparison.Ordinal);

        var edit = ImageTagEditor.SetTag(text, "f.yaml", "web", "v2");

        Assert.Equal(Only(text, "tag: \"v1\"", "tag: \"v2\""), edit.Text);
        Assert.Equal("app:v1 -> app:v2", $"{edit.OldImage} -> {edit.NewImage}");
    }

    [Fact]
    public void SetTag_Should_InsertATagLineAfterTheLastEntry_When_ABlockMappingHasNoTag()
    {
        var text = WithImage("image:\n            repository: app   # ECR");

        var edit = ImageTagEditor.SetTag(text, "f.yaml", "web", "v2");

        Assert.Equal(Only(text, "repository: app   # ECR\n", "repository: app   # ECR\n            tag: v2\n"), edit.Text);
        Assert.Equal("app:latest", edit.OldImage);
    }

    [Fact]
    public void SetTag_Should_AddATagEntry_When_AFlowMappingHasNoTag()
    {
        var text = WithImage("image: { repository: app }  # no tag");

        var edit = ImageTagEditor.SetTag(text, "f.yaml", "web", "v2");

        Assert.Equal(Only(text, "{ repository: app }", "{ repository: app, tag: v2 }"), edit.Text);
    }

    [Theory]
    [InlineData("image: public.ecr.aws/nginx/nginx:1.27 # pinned", "image: public.ecr.aws/nginx/nginx:1.28 # pinned", "1.28")]
    [InlineData("image: 'nginx'", "image: 'nginx:1.28'", "1.28")]
    [InlineData("image: \"localhost:5000/team/app\"", "image: \"localhost:5000/team/app:v9\"", "v9")]
    [InlineData("image: registry:5000/app:old", "image: registry:5000/app:new", "new")]
    public void SetTag_Should_RewriteTheReferencesTag_When_TheImageIsAString(string image, string expected, string tag)
    {
        var text = WithImage(image);

        var edit = ImageTagEditor.SetTag(text, "f.yaml", "web", tag);

        Assert.Equal(Only(text, image, expected), edit.Text);
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("true")]
    [InlineData("2024-01-31")]
    public void SetTag_Should_QuoteTheTag_When_APlainScalarWouldReadAsANumberBoolOrDate(string tag)
    {
        var edit = ImageTagEditor.SetTag(TestSpecs.Base, "f.yaml", "web", tag);

        Assert.Equal(Only(TestSpecs.Base, "tag: v1 }", $"tag: \"{tag}\" }}"), edit.Text);
        Assert.Equal($"app:{tag}", edit.NewImage);
    }

    [Fact]
    public void SetTag_Should_ReportNoChange_When_TheTagIsAlreadySet()
    {
        var edit = ImageTagEditor.SetTag(TestSpecs.Base, "f.yaml", "web", "v1");

        Assert.False(edit.Changed);
        Assert.Equal(TestSpecs.Base, edit.Text);
    }

    [Theory]
    [InlineData("-bad")]
    [InlineData(".bad")]
    [InlineData("a:b")]
    [InlineData("")]
    public void SetTag_Should_Refuse_When_TheTagIsNotADockerTag(string tag)
    {
        var error = Assert.Throws<SpecEditException>(() => ImageTagEditor.SetTag(TestSpecs.Base, "f.yaml", "web", tag));

        Assert.Contains("not a valid image tag", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetTag_Should_Refuse_When_TheContainerIsMissing()
    {
        var error = Assert.Throws<SpecEditException>(() => ImageTagEditor.SetTag(TestSpecs.Base, "f.yaml", "worker", "v2"));

        Assert.Contains("no container named 'worker'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetTag_Should_NameTheFamilies_When_TheContainerIsInSeveral_And_FamilyDisambiguates()
    {
        const string jobs = "    - family: jobs\n      executionRole: ecsTaskExecutionRole\n      containers:\n        - name: web\n          image: { repository: app, tag: v1 }\n          memory: 256\n  services:";
        var text = TestSpecs.Mutate("  services:", jobs);
        Assert.True(TestSpecs.Load(text).IsValid, string.Join("\n", TestSpecs.Load(text).Errors));

        var error = Assert.Throws<SpecEditException>(() => ImageTagEditor.SetTag(text, "f.yaml", "web", "v2"));
        var edit = ImageTagEditor.SetTag(text, "f.yaml", "web", "v2", family: "jobs");

        Assert.Contains("several task definitions (app, jobs): name one with --family", error.Message, StringComparison.Ordinal);
        var second = text.LastIndexOf("tag: v1", StringComparison.Ordinal);
        Assert.Equal(string.Concat(text.AsSpan(0, second), "tag: v2", text.AsSpan(second + 7)), edit.Text);
        Assert.Equal("jobs", edit.Family);
    }

    [Fact]
    public void SetTag_Should_Refuse_When_TheImageIsPinnedByDigest()
    {
        var text = WithImage("image: nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

        var error = Assert.Throws<SpecEditException>(() => ImageTagEditor.SetTag(text, "f.yaml", "web", "v2"));

        Assert.Contains("pinned by digest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetTag_Should_Refuse_When_TheSpecIsNotASpec()
    {
        var error = Assert.Throws<SpecEditException>(() => ImageTagEditor.SetTag("a: [", "f.yaml", "web", "v2"));

        Assert.Contains("f.yaml", error.Message, StringComparison.Ordinal);
    }
}
