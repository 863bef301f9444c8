using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws;
using Reconciler.Controller;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

/// <summary>The S3 source against moto_server: listing, ETag caching, removal only on complete listings, errors, the resync marker.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class S3SourceTests : IDisposable
{
    private readonly AmazonS3Client _s3 = S3Buckets.Client();
    private readonly AwsCallMetrics _metrics = new();
    private readonly AwsCallRunner _runner;

    public S3SourceTests()
    {
        _runner = new AwsCallRunner(_metrics, NullLogger<AwsCallRunner>.Instance, TimeProvider.System,
            new RetryOptions(MaxTransientRetries: 1, BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(20)));
    }

    public void Dispose() => _s3.Dispose();

    private long Calls(string operation) => _metrics.Snapshot().Where(kv => kv.Key.Service == "s3" && kv.Key.Operation == operation).Sum(kv => kv.Value);

    private S3Source Source(string bucket, string prefix = "specs", IAmazonS3? client = null, int? pageSize = null) =>
        new(S3SpecLocation.TryParse($"s3://{bucket}/{prefix}")!, client ?? _s3, _runner) { PageSize = pageSize };

    [Fact]
    public async Task ListAsync_Should_ListOnlySpecFilesUnderThePrefix_And_GetOnlyKeysWhoseETagChanged()
    {
        var bucket = await S3Buckets.Create(_s3, "src");
        await S3Buckets.Put(_s3, bucket, "specs/a.yaml", "a: 1\n");
        await S3Buckets.Put(_s3, bucket, "specs/b.yml", "b: 1\n");
        await S3Buckets.Put(_s3, bucket, "specs/team/c.yaml", "c: 1\n");
        await S3Buckets.Put(_s3, bucket, "specs/notes.txt", "not a spec");
        await S3Buckets.Put(_s3, bucket, "specs/.resync", "1");
        await S3Buckets.Put(_s3, bucket, "specs-old/d.yaml", "d: 1\n");
        await S3Buckets.Put(_s3, bucket, "other/e.yaml", "e: 1\n");
        using var source = Source(bucket, pageSize: 2);

        var first = await source.ListAsync(CancellationToken.None);
        var second = await source.ListAsync(CancellationToken.None);
        var getsBefore = Calls("GetObject");
        var edited = await S3Buckets.Put(_s3, bucket, "specs/a.yaml", "a: 2\n");
        var third = await source.ListAsync(CancellationToken.None);

        Assert.Equal($"s3://{bucket}/specs/", first.Source);
        Assert.True(first.Complete);
        Assert.Null(first.Error);
        Assert.Equal([$"s3://{bucket}/specs/a.yaml", $"s3://{bucket}/specs/b.yml", $"s3://{bucket}/specs/team/c.yaml"], first.Documents.Select(d => d.Location));
        Assert.Equal("a: 1\n", Encoding.UTF8.GetString(first.Documents[0].Content));
        Assert.Equal(first.Documents.Select(d => d.Version), second.Documents.Select(d => d.Version));
        Assert.Equal(3, getsBefore); // the second listing fetched nothing: every ETag was known
        Assert.Equal(4, Calls("GetObject")); // the third fetched only the edited key
        Assert.Equal(edited.ETag, third.Documents[0].Version);
        Assert.Equal("a: 2\n", Encoding.UTF8.GetString(third.Documents[0].Content));
        Assert.True(Calls("ListObjectsV2") >= 9); // 5 keys under specs/ in pages of 2: 3 pages per listing
    }

    [Fact]
    public async Task ListAsync_Should_RemoveAnEnvironmentOnlyOnACompleteListing_When_ItsObjectIsDeletedOrTheBucketFails()
    {
        var bucket = await S3Buckets.Create(_s3, "rm");
        var env = TestSpecs.UniqueName("s3rm");
        var keep = TestSpecs.UniqueName("s3keep");
        await S3Buckets.Put(_s3, bucket, "specs/gone.yaml", TestSpecs.Isolated(env));
        await S3Buckets.Put(_s3, bucket, "specs/keep.yaml", TestSpecs.Isolated(keep));
        using var source = Source(bucket);
        var catalog = new SpecCatalog();

        Assert.Equal(new[] { env, keep }.Order(StringComparer.Ordinal), catalog.Apply(await source.ListAsync(CancellationToken.None)).Order(StringComparer.Ordinal));
        await _s3.DeleteObjectAsync(bucket, "specs/gone.yaml");
        var afterDelete = catalog.Apply(await source.ListAsync(CancellationToken.None));
        Assert.Equal([env], afterDelete);
        Assert.True(catalog.Find(env)!.Removed);

        await _s3.DeleteObjectAsync(bucket, "specs/keep.yaml");
        await _s3.DeleteBucketAsync(bucket);
        var failed = await source.ListAsync(CancellationToken.None);
        var changed = catalog.Apply(failed);

        Assert.False(failed.Complete);
        Assert.Contains("NoSuchBucket", failed.Error, StringComparison.Ordinal);
        Assert.Empty(changed);
        Assert.False(catalog.Find(keep)!.Removed); // a failed listing removes nothing
    }

    [Fact]
    public async Task ListAsync_Should_AnswerAnIncompleteListingWithTheError_When_S3IsUnreachable()
    {
        using var nowhere = new AmazonS3Client(new AmazonS3Config
        {
            ServiceURL = "http://127.0.0.1:9", AuthenticationRegion = EngineHarness.Region, ForcePathStyle = true, MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(5),
        });
        using var source = Source("some-bucket", client: nowhere);

        var listing = await source.ListAsync(CancellationToken.None);

        Assert.False(listing.Complete);
        Assert.Empty(listing.Documents);
        Assert.Contains("s3://some-bucket/specs/", listing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_Should_RequestAResync_When_TheResyncMarkerChangesAfterTheFirstListing()
    {
        var bucket = await S3Buckets.Create(_s3, "mark");
        await S3Buckets.Put(_s3, bucket, "specs/.resync", "first");
        using var source = Source(bucket);

        var first = await source.ListAsync(CancellationToken.None);
        var unchanged = await source.ListAsync(CancellationToken.None);
        await S3Buckets.Put(_s3, bucket, "specs/.resync", DateTime.UtcNow.ToString("O"));
        var touched = await source.ListAsync(CancellationToken.None);
        var after = await source.ListAsync(CancellationToken.None);

        Assert.Equal([false, false, true, false], new[] { first, unchanged, touched, after }.Select(l => l.ResyncRequested));
        Assert.Empty(touched.Documents);
        Assert.Equal(0, Calls("GetObject"));
    }

    [Theory]
    [InlineData("s3://bucket/specs", "bucket", "specs/")]
    [InlineData("s3://bucket/specs/", "bucket", "specs/")]
    [InlineData("s3://bucket", "bucket", "")]
    [InlineData("s3://my.bucket-1/a/b", "my.bucket-1", "a/b/")]
    public void TryParse_Should_TakeThePrefixAsAFolder_When_TheUriIsAnS3Location(string uri, string bucket, string prefix)
    {
        Assert.Equal(new S3SpecLocation(bucket, prefix), S3SpecLocation.TryParse(uri));
    }

    [Theory]
    [InlineData("bucket/specs")]
    [InlineData("s3://Bucket/specs")]
    [InlineData("s3://b/x")]
    [InlineData("https://bucket/specs")]
    public void TryParse_Should_AnswerNull_When_TheTextIsNotAnS3Location(string uri) => Assert.Null(S3SpecLocation.TryParse(uri));

    [Fact]
    public async Task Notify_Should_AskForAListingAndNameTheKeyOnce_When_AnEventNamesASpecOrTheMarkerOfThisSource()
    {
        var bucket = await S3Buckets.Create(_s3, "ntf");
        await S3Buckets.Put(_s3, bucket, "specs/a b.yaml", "a: 1\n");
        using var source = Source(bucket);
        var signals = 0;
        source.Changed += () => signals++;

        bool[] answers =
        [
            source.Notify(bucket, "specs/a b.yaml"),
            source.Notify(bucket, "specs/a b.yaml"),
            source.Notify(bucket, "specs/.resync"),
            source.Notify(bucket, "specs/notes.txt"),
            source.Notify(bucket, "specs-old/d.yaml"),
            source.Notify("another-bucket", "specs/a b.yaml"),
        ];
        var listing = await source.ListAsync(CancellationToken.None);
        var next = await source.ListAsync(CancellationToken.None);

        Assert.Equal([true, true, true, false, false, false], answers);
        Assert.Equal(3, signals);
        Assert.Equal([$"s3://{bucket}/specs/.resync", $"s3://{bucket}/specs/a b.yaml"], listing.Touched);
        Assert.Empty(next.Touched); // named by the listing that followed the event, not again
    }
}
