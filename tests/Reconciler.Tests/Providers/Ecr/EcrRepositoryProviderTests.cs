using System.Text.Json.Serialization;
using Reconciler.Aws;
using Reconciler.Aws.Ecr;
using Reconciler.Aws.Http;
using Reconciler.Model.Graph;
using Reconciler.Tests.Integration;
using static Reconciler.Tests.Providers.ProviderTestKit;

namespace Reconciler.Tests.Providers.Ecr;

[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class EcrRepositoryProviderTests : IDisposable
{
    private const string LogicalId = "ecr-repository/app";
    private readonly ProviderTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    private EcrRepositoryProvider Provider => new(_kit.Ecr, _kit.Inventory);

    private sealed record PutImageRequest(
        [property: JsonPropertyName("repositoryName")] string RepositoryName,
        [property: JsonPropertyName("imageManifest")] string ImageManifest,
        [property: JsonPropertyName("imageTag")] string ImageTag);

    [Fact]
    public async Task Provider_Should_CreateObserveUpdateAndDelete_When_ScanOnPushChanges()
    {
        var env = TestSpecs.UniqueName("ecr");
        var desired = Desired(env, LogicalId);

        var created = await Provider.CreateAsync(Resolved(desired), CancellationToken.None);
        var observed = await Observe(Provider, env, desired);

        Assert.Equal($"{env}-app", created.AwsId);
        Assert.EndsWith($"/{env}-app", created.Attributes["uri"], StringComparison.Ordinal);
        Assert.NotNull(observed);
        Assert.Equal(created.Attributes["uri"], observed.Attributes["uri"]);
        Assert.Equal(LogicalId, observed.Tags[Ownership.LogicalIdTag]);
        Assert.Equal("demo", observed.Tags["project"]);
        Assert.Empty(Diff(desired, observed));

        var noScan = Desired(env, LogicalId, t => t.Replace("- { name: app }", "- { name: app, scanOnPush: false }", StringComparison.Ordinal));
        var change = Assert.Single(Diff(noScan, observed));
        Assert.Equal(("scanOnPush", "false", "true", false), (change.Path, change.Desired, change.Actual, change.ForcesReplacement));
        await Provider.UpdateAsync(Resolved(noScan), observed, [change], CancellationToken.None);
        observed = await Observe(Provider, env, noScan);
        Assert.Empty(Diff(noScan, observed!));

        var immutable = Desired(env, LogicalId, t => t.Replace("- { name: app }", "- { name: app, scanOnPush: false, immutableTags: true }", StringComparison.Ordinal));
        change = Assert.Single(Diff(immutable, observed!));
        Assert.Equal(("tagMutability", "IMMUTABLE", "MUTABLE"), (change.Path, change.Desired, change.Actual));
        await Provider.UpdateAsync(Resolved(immutable), observed!, [change], CancellationToken.None);
        Assert.Empty(Diff(immutable, (await Observe(Provider, env, immutable))!));

        await Provider.DeleteAsync(observed!, CancellationToken.None);
        Assert.Null(await Observe(Provider, env, desired));
        await Provider.DeleteAsync(observed!, CancellationToken.None); // already gone is done
    }

    [Fact]
    public async Task DeleteAsync_Should_RefuseUnlessOptedIn_When_TheRepositoryHoldsImages()
    {
        var env = TestSpecs.UniqueName("ecr-img");
        var desired = Desired(env, LogicalId);
        await Provider.CreateAsync(Resolved(desired), CancellationToken.None);
        await _kit.Json(AwsServices.Ecr).CallAsync<PutImageRequest, object>("PutImage",
            new($"{env}-app", """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"digest":"sha256:0","size":1,"mediaType":"application/vnd.docker.container.image.v1+json"},"layers":[]}""", "latest"),
            CallPurpose.Mutate, CancellationToken.None);
        var observed = (await Observe(Provider, env, desired))!;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Provider.DeleteAsync(observed, CancellationToken.None));
        Assert.Contains("allowDeletionWithImages", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(await Observe(Provider, env, desired));

        var optedIn = Desired(env, LogicalId, t => t.Replace("- { name: app }", "- { name: app, allowDeletionWithImages: true }", StringComparison.Ordinal));
        observed = (await Observe(Provider, env, optedIn))!;
        Assert.Equal("true", observed.Attributes[EcrRepositoryProvider.AllowDeletionAttribute]);
        await Provider.DeleteAsync(observed, CancellationToken.None);
        Assert.Null(await Observe(Provider, env, optedIn));
    }

    [Fact]
    public async Task Provider_Should_LeaveItAlone_When_ARepositoryWithTheEnvironmentsPrefixIsNotTagged()
    {
        var env = TestSpecs.UniqueName("ecr-foreign");
        var desired = Desired(env, LogicalId);
        await _kit.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest($"{env}-app", "MUTABLE", new ImageScanningConfiguration(false), [new Tag("team", "other")]), CancellationToken.None);

        Assert.Null(await Observe(Provider, env, desired));
        var error = await Assert.ThrowsAsync<Reconciler.Providers.NameTakenException>(() => Provider.CreateAsync(Resolved(desired), CancellationToken.None));

        Assert.StartsWith($"the ECR repository name {env}-app is taken by an untagged resource (arn:aws:ecr:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rename this resource in the spec, or import the existing one", error.Message, StringComparison.Ordinal);
        var untouched = Assert.Single(await _kit.Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest([$"{env}-app"]), CancellationToken.None));
        Assert.False(untouched.ImageScanningConfiguration?.ScanOnPush);
    }
}
