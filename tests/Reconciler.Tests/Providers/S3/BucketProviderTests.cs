using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Tests.Integration;
using static Reconciler.Tests.Providers.ProviderTestKit;

namespace Reconciler.Tests.Providers.S3;

[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BucketProviderTests : IDisposable
{
    private const string LogicalId = "s3-bucket/specs";
    private readonly EngineHarness _h = new();
    private readonly AwsClientFactory _clients = new();

    public void Dispose()
    {
        _clients.Dispose();
        _h.Dispose();
    }

    private AmazonS3Client S3 => _clients.S3(EngineHarness.Region);

    private BucketProvider Provider => new(S3, _h.Aws.Runner, EngineHarness.Region, _h.Aws.Inventory(EngineHarness.Region));

    /// <summary>The sample's bucket entry replaced by <paramref name="entry"/>.</summary>
    private static DesiredResource Bucket(string env, string entry = "{ name: specs }") =>
        Desired(env, LogicalId, t => t.Replace("- { name: media }", "- " + entry, StringComparison.Ordinal));

    [Fact]
    public async Task Provider_Should_CreateObserveUpdateAndDelete_When_VersioningChanges()
    {
        var env = TestSpecs.UniqueName("bkt");
        var desired = Bucket(env);

        var created = await Provider.CreateAsync(Resolved(desired), CancellationToken.None);
        var observed = await Observe(Provider, env, desired);

        Assert.Equal($"{env}-specs", created.AwsId);
        Assert.Equal($"arn:aws:s3:::{env}-specs", created.Attributes["arn"]);
        Assert.NotNull(observed);
        Assert.Equal(LogicalId, observed.Tags[Ownership.LogicalIdTag]);
        Assert.Equal(env, observed.Tags[Ownership.EnvironmentTag]);
        Assert.Equal("demo", observed.Tags["project"]);
        Assert.Equal("true", observed.Get("versioning"));
        Assert.Equal("true", observed.Get("publicAccessBlock"));
        Assert.Equal("AES256", observed.Get("encryption"));
        Assert.Empty(Diff(desired, observed));

        var unversioned = Bucket(env, "{ name: specs, versioning: false }");
        var change = Assert.Single(Diff(unversioned, observed));
        Assert.Equal(("versioning", "false", "true", false), (change.Path, change.Desired, change.Actual, change.ForcesReplacement));
        await Provider.UpdateAsync(Resolved(unversioned), observed, [change], CancellationToken.None);
        observed = await Observe(Provider, env, unversioned);
        Assert.Empty(Diff(unversioned, observed!));
        var status = await S3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = created.AwsId });
        Assert.Equal(VersionStatus.Suspended, status.VersioningConfig.Status);

        await Provider.DeleteAsync(observed!, CancellationToken.None);
        Assert.Null(await Observe(Provider, env, desired));
        await Provider.DeleteAsync(observed!, CancellationToken.None); // already gone is done
    }

    [Fact]
    public async Task UpdateAsync_Should_KeepOthersTags_When_ATagOfTheSpecChanges()
    {
        var env = TestSpecs.UniqueName("bkt-tags");
        var desired = Bucket(env);
        var created = await Provider.CreateAsync(Resolved(desired), CancellationToken.None);
        var tags = (await S3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = created.AwsId })).TagSet;
        tags.Add(new Tag { Key = "cost-center", Value = "42" });
        tags.RemoveAll(t => t.Key == "project");
        await S3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = created.AwsId, TagSet = tags });

        var observed = (await Observe(Provider, env, desired))!;
        var change = Assert.Single(Diff(desired, observed));
        Assert.Equal("tags.project", change.Path);
        await Provider.UpdateAsync(Resolved(desired), observed, [change], CancellationToken.None);

        observed = (await Observe(Provider, env, desired))!;
        Assert.Empty(Diff(desired, observed));
        Assert.Equal("42", observed.Tags["cost-center"]);
        await Provider.DeleteAsync(observed, CancellationToken.None);
    }

    [Fact]
    public async Task DeleteAsync_Should_Refuse_When_TheBucketHoldsObjects()
    {
        var env = TestSpecs.UniqueName("bkt-data");
        var desired = Bucket(env, "{ name: specs, versioning: false }");
        var created = await Provider.CreateAsync(Resolved(desired), CancellationToken.None);
        await S3.PutObjectAsync(new PutObjectRequest { BucketName = created.AwsId, Key = "specs/production.yaml", ContentBody = "x" });
        var observed = (await Observe(Provider, env, desired))!;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Provider.DeleteAsync(observed, CancellationToken.None));

        Assert.Contains("still holds objects", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(await Observe(Provider, env, desired));
        await S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = created.AwsId, Key = "specs/production.yaml" });
        await Provider.DeleteAsync(observed, CancellationToken.None);
    }

    [Fact]
    public async Task Provider_Should_LeaveItAlone_When_ABucketWithTheEnvironmentsPrefixIsNotTaggedAsOurs()
    {
        var env = TestSpecs.UniqueName("bkt-foreign");
        var desired = Bucket(env);
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = $"{env}-specs", BucketRegionName = EngineHarness.Region });

        Assert.Null(await Observe(Provider, env, desired));
        var error = await Assert.ThrowsAsync<Reconciler.Providers.NameTakenException>(() => Provider.CreateAsync(Resolved(desired), CancellationToken.None));

        Assert.StartsWith($"the bucket name {env}-specs is taken by an untagged resource ({env}-specs)", error.Message, StringComparison.Ordinal);
        Assert.Contains("or import the existing one by adding the tags", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AmazonS3Exception>(() => S3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = $"{env}-specs" }));
        await S3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = $"{env}-specs" });
    }
}
