using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Aws;

namespace Reconciler.Import;

/// <summary>
/// Buckets, by name. PutBucketTagging replaces the bucket's whole tag set ("it will overwrite any current tags the
/// bucket already has. You cannot use this operation to add tags to an existing list of tags": S3 API reference,
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html), so the tags read are written back with ours added.
/// </summary>
internal sealed class S3Tagger(AmazonS3Client s3, AwsCallRunner runner) : IAdoptionTagger
{
    private const string Service = "s3";

    public async Task<TagState?> ReadAsync(string kind, string awsId, CancellationToken ct)
    {
        try
        {
            var response = await runner.RunAsync(Service, "GetBucketTagging", CallPurpose.Read,
                c => s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = awsId }, c), ct).ConfigureAwait(false);
            return new TagState(awsId, TagMaps.Of(response.TagSet, t => t.Key, t => t.Value));
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NoSuchTagSet")
        {
            return new TagState(awsId, new Dictionary<string, string>(StringComparer.Ordinal));
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NoSuchBucket")
        {
            return null;
        }
    }

    public Task WriteAsync(string kind, TagState current, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        var merged = new Dictionary<string, string>(current.Tags, StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            merged[key] = value;
        }

        return runner.RunAsync(Service, "PutBucketTagging", CallPurpose.Mutate, c => s3.PutBucketTaggingAsync(new PutBucketTaggingRequest
        {
            BucketName = current.WriteId,
            TagSet = [.. merged.Select(t => new Tag { Key = t.Key, Value = t.Value })],
        }, c), ct);
    }
}
