using Reconciler.Model.Graph;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Graph;

/// <summary><c>spec.buckets</c>: binding, S3's naming rules on the physical name, and the graph node.</summary>
public sealed class BucketSpecTests
{
    private static string WithBuckets(string entries) => Base + "\n  buckets:\n" + entries;

    [Fact]
    public void Build_Should_AddAPrivateEncryptedVersionedBucket_When_TheSpecListsOne()
    {
        var spec = Load(WithBuckets("    - { name: specs }\n    - { name: logs, versioning: false }\n"));
        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));

        var (graph, errors) = GraphBuilder.Build(spec.Document!);

        Assert.Empty(errors);
        var bucket = graph!.Find("s3-bucket/specs")!;
        Assert.Same(ResourceKinds.Bucket, bucket.Kind);
        Assert.True(bucket.Kind.Stateful);
        Assert.Equal("test-specs", bucket.Get("name"));
        Assert.Equal("true", bucket.Get("versioning"));
        Assert.Equal("true", bucket.Get("publicAccessBlock"));
        Assert.Equal("AES256", bucket.Get("encryption"));
        Assert.Equal("s3-bucket/specs", bucket.Tags[Ownership.LogicalIdTag]);
        Assert.Equal("test", bucket.Tags[Ownership.EnvironmentTag]);
        Assert.Equal("false", graph.Find("s3-bucket/logs")!.Get("versioning"));
    }

    [Theory]
    [InlineData("Specs", "must be 3-63 lowercase letters")]
    [InlineData("my_specs", "must be 3-63 lowercase letters")]
    [InlineData("specs-", "must be 3-63 lowercase letters")]
    [InlineData("a-bucket-name-that-is-long-enough-to-break-the-sixty-three-limit", "must be 3-63 lowercase letters")]
    [InlineData("data-s3alias", "which S3 reserves")]
    public void Validate_Should_RejectTheBucketName_When_ThePhysicalNameBreaksS3sRules(string name, string message)
    {
        var yaml = WithBuckets($"    - {{ name: {name} }}\n");

        var spec = Load(yaml);

        AssertError(spec, "spec.buckets[0].name", PositionOf(yaml, name, after: "buckets:"), message);
    }

    [Fact]
    public void Validate_Should_RejectTheSecondBucket_When_TwoShareAName()
    {
        var yaml = WithBuckets("    - { name: specs }\n    - { name: specs, versioning: false }\n");

        var spec = Load(yaml);

        AssertError(spec, "spec.buckets[1].name", PositionOf(yaml, "specs, versioning"), "bucket 'specs' is defined twice");
    }
}
