using Amazon.S3;
using Amazon.S3.Model;

namespace Reconciler.Tests.Integration;

/// <summary>A plain S3 client on moto_server for arranging and checking buckets, and a unique bucket per test.</summary>
internal static class S3Buckets
{
    public static AmazonS3Client Client() => new(new AmazonS3Config
    {
        ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"),
        AuthenticationRegion = EngineHarness.Region,
        ForcePathStyle = true,
    });

    public static async Task<string> Create(IAmazonS3 s3, string prefix)
    {
        var bucket = TestSpecs.UniqueName(prefix);
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, BucketRegion = EngineHarness.Region });
        return bucket;
    }

    public static Task<PutObjectResponse> Put(IAmazonS3 s3, string bucket, string key, string text) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = text });

    public static async Task<string> Read(IAmazonS3 s3, string bucket, string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync();
    }
}
