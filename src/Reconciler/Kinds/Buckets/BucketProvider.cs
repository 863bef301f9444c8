using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Observation;
using Reconciler.Providers;
using K = Reconciler.Model.Kinds.BucketKind;

namespace Reconciler.Kinds;

/// <summary>
/// S3 buckets (<c>&lt;env&gt;-&lt;name&gt;</c>) on the official SDK: versioning in place, every public access block on,
/// default encryption SSE-S3. The AWS id is the bucket name.
/// <para>
/// Tags at creation: CreateBucket takes tags in its CreateBucketConfiguration (a recent addition, needing
/// <c>s3:TagResource</c>), and they are sent there; PutBucketTagging follows at once anyway, because an endpoint that
/// predates tags on CreateBucket (moto_server among them) ignores them, and S3 tags are the only way we find a bucket
/// again. A crash between the two calls leaves a bucket named <c>&lt;env&gt;-&lt;name&gt;</c>: the next create gets
/// BucketAlreadyOwnedByYou and adopts it only if its tags are ours, else reports it (an untagged bucket may be anybody's).
/// </para>
/// <para>
/// Observation: S3 has no tag-filtered listing of buckets, so it is one ListBuckets (this region's buckets); the tags
/// of the buckets whose name starts with an observed environment's prefix come from the shared Tagging API inventory
/// (GetBucketTagging only for one it does not list yet), and three reads of the settings for those that are ours:
/// versioning, public access block and encryption are fields anyone may change, and S3 has no call that answers them
/// for several buckets, so these stay per bucket, only for the environments' own buckets, and only when the observation
/// reads the bucket's environment in detail (else the values last read: see <see cref="DetailMemory{T}"/>).
/// </para>
/// </summary>
internal sealed class BucketProvider(AmazonS3Client s3, AwsCallRunner runner, string region, TaggedInventory inventory) : IResourceProvider
{
    public const string Service = "s3";

    /// <summary>Versioning, public access block and encryption of each bucket, as last read.</summary>
    private readonly DetailMemory<(bool Versioning, bool Blocked, string Encryption)> _settings = new();

    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var prefixes = environments.Select(e => e + "-").ToList();
        var tagged = (await inventory.OwnedAsync(environments, ct).ConfigureAwait(false))
            .Where(kv => kv.Key.StartsWith("arn:", StringComparison.Ordinal) && kv.Key.Split(':') is [_, _, "s3", _, _, _])
            .ToDictionary(kv => kv.Key[(kv.Key.LastIndexOf(':') + 1)..], kv => kv.Value, StringComparer.Ordinal);
        // A bucket adopted under its own name (awsName) lacks the environment's prefix: it is a candidate when the
        // inventory lists it as ours or the spec names it.
        var named = desired.Select(d => d.Get(K.Name)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var result = new List<ObservedResource>();
        var buckets = await ListBucketsAsync(ct).ConfigureAwait(false);
        _settings.Keep(environments, buckets);
        foreach (var bucket in buckets)
        {
            if (!prefixes.Any(p => bucket.StartsWith(p, StringComparison.Ordinal)) && !tagged.ContainsKey(bucket) && !named.Contains(bucket))
            {
                continue;
            }

            var tags = tagged.TryGetValue(bucket, out var listed)
                ? listed.ToDictionary(StringComparer.Ordinal)
                : await TagsAsync(bucket, ct).ConfigureAwait(false);
            if (tags is null || !TaggedResources.OwnedBy(tags, environments))
            {
                continue;
            }

            var (versioning, blocked, encryption) = await _settings.GetAsync(bucket, tags[Ownership.EnvironmentTag], () => SettingsAsync(bucket, ct)).ConfigureAwait(false);
            if (TaggedResources.Observed(Kind, bucket, tags,
                [
                    (K.Name, FieldValue.Of(bucket)),
                    (K.Versioning, FieldValue.Of(versioning)),
                    (K.PublicAccessBlock, FieldValue.Of(blocked)),
                    (K.Encryption, FieldValue.Of(encryption)),
                ], [("arn", Arn(bucket))]) is { } observed)
            {
                result.Add(observed);
            }
        }

        return result;
    }

    /// <summary>The names of this region's buckets (S3 filters by region where it can; an emulator may not, so it is checked here too).</summary>
    private async Task<List<string>> ListBucketsAsync(CancellationToken ct)
    {
        var names = new List<string>();
        string? token = null;
        do
        {
            var request = new ListBucketsRequest { BucketRegion = region, ContinuationToken = token };
            var page = await runner.RunAsync(Service, "ListBuckets", CallPurpose.Read, c => s3.ListBucketsAsync(request, c), ct).ConfigureAwait(false);
            names.AddRange((page.Buckets ?? []).Where(b => string.IsNullOrEmpty(b.BucketRegion) || b.BucketRegion == region).Select(b => b.BucketName));
            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));

        return names;
    }

    /// <summary>The bucket's tags; empty when it has none; null when the bucket is gone (listed, then deleted).</summary>
    private async Task<Dictionary<string, string>?> TagsAsync(string bucket, CancellationToken ct)
    {
        try
        {
            var response = await runner.RunAsync(Service, "GetBucketTagging", CallPurpose.Read,
                c => s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }, c), ct).ConfigureAwait(false);
            return (response.TagSet ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value ?? string.Empty, StringComparer.Ordinal);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NoSuchTagSet")
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NoSuchBucket")
        {
            return null;
        }
    }

    /// <summary>The three settings no listing answers: versioning, whether every public access block is on, the default encryption.</summary>
    private async Task<(bool Versioning, bool Blocked, string Encryption)> SettingsAsync(string bucket, CancellationToken ct)
    {
        var versioning = await runner.RunAsync(Service, "GetBucketVersioning", CallPurpose.Read,
            c => s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket }, c), ct).ConfigureAwait(false);
        bool blocked;
        try
        {
            var block = await runner.RunAsync(Service, "GetPublicAccessBlock", CallPurpose.Read,
                c => s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }, c), ct).ConfigureAwait(false);
            var config = block.PublicAccessBlockConfiguration;
            blocked = config is { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NoSuchPublicAccessBlockConfiguration")
        {
            blocked = false;
        }

        string encryption;
        try
        {
            var sse = await runner.RunAsync(Service, "GetBucketEncryption", CallPurpose.Read,
                c => s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }, c), ct).ConfigureAwait(false);
            encryption = sse.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules?.FirstOrDefault()?.ServerSideEncryptionByDefault?.ServerSideEncryptionAlgorithm?.Value ?? string.Empty;
        }
        catch (AwsCallException ex) when (ex.Error.Code == "ServerSideEncryptionConfigurationNotFoundError")
        {
            encryption = string.Empty;
        }

        return (versioning.VersioningConfig?.Status == VersionStatus.Enabled, blocked, encryption);
    }

    private static string Arn(string bucket) => $"arn:aws:s3:::{bucket}";

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var name = desired.Get(K.Name);
        var request = new PutBucketRequest
        {
            BucketName = name,
            // The location constraint (none for us-east-1, S3's default location: the SDK knows).
            BucketRegionName = region,
            PutBucketConfiguration = new PutBucketConfiguration { Tags = [.. desired.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value })] },
        };
        // Whether the name is free right before the create: if it is, a BucketAlreadyOwnedByYou below can only come
        // from this very create, retried after its answer was lost before the tags followed (an endpoint that ignores
        // tags at creation). A bucket there before, untagged or another's, is never adopted.
        var before = await TagsAsync(name, ct).ConfigureAwait(false);
        try
        {
            await runner.RunAsync(Service, "CreateBucket", CallPurpose.Mutate, c => s3.PutBucketAsync(request, c), ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "BucketAlreadyOwnedByYou")
        {
            // Ours already (a create whose answer was lost): adopt it only if its tags say so, or if it was not there
            // a moment ago. An untagged one that was there may be anybody's bucket of this account: never touched.
            var tags = await TagsAsync(name, ct).ConfigureAwait(false) ?? [];
            var madeByThisCreate = before is null && !tags.ContainsKey(Ownership.EnvironmentTag);
            if (!madeByThisCreate && !TaggedResources.IsSameOwner(desired.Tags, tags))
            {
                throw NameTakenException.For($"the bucket name {name}", name, tags, desired.Tags, ex);
            }
        }
        catch (AwsCallException ex) when (ex.Error.Code == "BucketAlreadyExists")
        {
            throw new InvalidOperationException($"{desired.LogicalId}: the bucket name {name} is taken by another AWS account (bucket names are global); rename it in the spec", ex);
        }

        await PutTagsAsync(name, desired.Tags, ct).ConfigureAwait(false);
        await BlockPublicAccessAsync(name, ct).ConfigureAwait(false);
        await EncryptAsync(name, desired.Get(K.Encryption), ct).ConfigureAwait(false);
        if (desired.Get(K.Versioning) == "true")
        {
            await VersioningAsync(name, enabled: true, ct).ConfigureAwait(false);
        }

        return new CreatedResource(name, TaggedResources.Attributes(("arn", Arn(name))));
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        _settings.Forget(actual.AwsId);
        if (changes.Any(c => c.Path == K.Versioning))
        {
            // Versioning cannot be switched off, only suspended: the versions already kept stay.
            await VersioningAsync(actual.AwsId, desired.Get(K.Versioning) == "true", ct).ConfigureAwait(false);
        }

        if (changes.Any(c => c.Path == K.PublicAccessBlock))
        {
            await BlockPublicAccessAsync(actual.AwsId, ct).ConfigureAwait(false);
        }

        if (changes.Any(c => c.Path == K.Encryption))
        {
            await EncryptAsync(actual.AwsId, desired.Get(K.Encryption), ct).ConfigureAwait(false);
        }

        var changed = TaggedResources.ChangedTags(desired.Tags, changes);
        if (changed.Count > 0)
        {
            // PutBucketTagging replaces the whole set: keep the tags others set, change only ours.
            var merged = new Dictionary<string, string>(actual.Tags, StringComparer.Ordinal);
            foreach (var (key, value) in changed)
            {
                merged[key] = value;
            }

            await PutTagsAsync(actual.AwsId, merged, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes an empty bucket. A bucket that still holds objects (or versions of them) is never emptied here: what it
    /// holds is data, and whoever wants it gone deletes the objects first.
    /// </summary>
    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        try
        {
            await TaggedResources.DeleteAsync(
                () => runner.RunAsync(Service, "DeleteBucket", CallPurpose.Delete, c => s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = actual.AwsId }, c), ct),
                "NoSuchBucket").ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "BucketNotEmpty")
        {
            throw new InvalidOperationException($"{actual.LogicalId}: bucket {actual.AwsId} still holds objects; the reconciler never deletes data: empty it (all versions) first", ex);
        }
    }

    private Task PutTagsAsync(string bucket, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        runner.RunAsync(Service, "PutBucketTagging", CallPurpose.Mutate, c => s3.PutBucketTaggingAsync(new PutBucketTaggingRequest
        {
            BucketName = bucket,
            TagSet = [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })],
        }, c), ct);

    private Task BlockPublicAccessAsync(string bucket, CancellationToken ct) =>
        runner.RunAsync(Service, "PutPublicAccessBlock", CallPurpose.Mutate, c => s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = true,
                IgnorePublicAcls = true,
                BlockPublicPolicy = true,
                RestrictPublicBuckets = true,
            },
        }, c), ct);

    private Task EncryptAsync(string bucket, string algorithm, CancellationToken ct) =>
        runner.RunAsync(Service, "PutBucketEncryption", CallPurpose.Mutate, c => s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = new ServerSideEncryptionMethod(algorithm) } }],
            },
        }, c), ct);

    private Task VersioningAsync(string bucket, bool enabled, CancellationToken ct) =>
        runner.RunAsync(Service, "PutBucketVersioning", CallPurpose.Mutate, c => s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = enabled ? VersionStatus.Enabled : VersionStatus.Suspended },
        }, c), ct);
}
