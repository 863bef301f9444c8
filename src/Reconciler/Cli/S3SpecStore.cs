using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Aws;
using Reconciler.Controller;

namespace Reconciler.Cli;

/// <summary>
/// A spec object in S3: GetObject remembers the ETag; PutObject with If-Match on it is S3's conditional write, which
/// fails with 412 PreconditionFailed (or 409 ConditionalRequestConflict while another conditional write is in flight)
/// when someone else wrote since. moto_server 5.2.1 honours If-Match on PutObject too (checked in the tests).
/// Calls go through the runner ("s3"): counted, throttling and transient faults retried; a missing object is not
/// retried (CallPurpose.Read), it is an error here. <paramref name="spec"/> is an object: its prefix is the key.
/// </summary>
internal sealed class S3SpecStore(S3SpecLocation spec, IAmazonS3 s3, AwsCallRunner runner) : IConditionalSpecStore
{
    public S3SpecStore(string bucket, string key, IAmazonS3 s3, AwsCallRunner runner)
        : this(new S3SpecLocation(bucket, key), s3, runner)
    {
    }

    public string Location => spec.Uri;

    public Task<StoredSpec> ReadAsync(CancellationToken ct) =>
        runner.RunAsync("s3", "GetObject", CallPurpose.Read, async t =>
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = spec.Bucket, Key = spec.Prefix }, t).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, t).ConfigureAwait(false);
            return new StoredSpec(buffer.ToArray(), response.ETag);
        }, ct);

    public async Task<bool> TryWriteAsync(byte[] content, string version, CancellationToken ct)
    {
        try
        {
            await runner.RunAsync("s3", "PutObject", CallPurpose.Read, async t =>
            {
                using var body = new MemoryStream(content, writable: false);
                return await s3.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = spec.Bucket,
                    Key = spec.Prefix,
                    InputStream = body,
                    IfMatch = version,
                    ContentType = "application/yaml",
                }, t).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
            return true;
        }
        catch (AwsCallException ex) when (ex.Error.Status is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict ||
                                          ex.Error.Code is "PreconditionFailed" or "ConditionalRequestConflict")
        {
            return false;
        }
    }
}
