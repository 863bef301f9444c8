using Reconciler.Controller;

namespace Reconciler.Tests.Controller;

/// <summary>
/// The bodies S3 sends to SQS, as the S3 User Guide's "Event message structure" shows them
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html), and the test event.
/// </summary>
public sealed class S3EventMessageTests
{
    [Fact]
    public void Parse_Should_DecodeEachRecordsKey_When_TheBodyIsAnS3EventNotification()
    {
        // As moto_server sends them too: '/' as %2F, a space as '+', a '+' as %2B.
        const string body = """
            {"Records":[
              {"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"specs"},"object":{"key":"envs/hello+world.yaml","size":5,"eTag":"x"}}},
              {"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"specs"},"object":{"key":"envs%2Fa+b%2Bc%C3%A9.yaml"}}},
              {"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectTagging:Put","s3":{"bucket":{"name":"specs"},"object":{"key":"envs/t.yaml"}}}
            ]}
            """;

        var message = S3EventMessage.Parse(body);

        Assert.Null(message.Malformed);
        Assert.Null(message.TestEventBucket);
        Assert.Equal(
            [new S3EventRecord("ObjectCreated:Put", "specs", "envs/hello world.yaml"), new S3EventRecord("ObjectRemoved:Delete", "specs", "envs/a b+cé.yaml"), new S3EventRecord("ObjectTagging:Put", "specs", "envs/t.yaml")],
            message.Records);
        Assert.Equal([true, true, false], message.Records.Select(r => r.ChangesObject));
        Assert.Equal([false, true, false], message.Records.Select(r => r.Removed));
    }

    [Fact]
    public void Parse_Should_GiveTheBucket_When_TheBodyIsTheTestEvent()
    {
        var message = S3EventMessage.Parse("""{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-03T07:47:09.364Z","Bucket":"specs","RequestId":"r","HostId":"h"}""");

        Assert.Equal("specs", message.TestEventBucket);
        Assert.Empty(message.Records);
        Assert.Null(message.Malformed);
    }

    [Theory]
    [InlineData("password=hunter2", "not JSON (line 1, byte 1)")]
    [InlineData("[\"hunter2\"]", "a JSON array, not an object")]
    [InlineData("{\"Message\":\"hunter2\"}", "no Records array: not an S3 event notification")]
    [InlineData("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"hunter2\"}}}]}", "record 0 lacks s3.object.key")]
    [InlineData("{\"Records\":[\"hunter2\"]}", "record 0 lacks eventName")]
    public void Parse_Should_SayWhyWithoutQuotingTheBody_When_TheBodyIsNotAnS3EventNotification(string body, string reason)
    {
        var message = S3EventMessage.Parse(body);

        Assert.Equal(reason, message.Malformed);
        Assert.DoesNotContain("hunter2", message.Malformed, StringComparison.Ordinal);
        Assert.Empty(message.Records);
    }

    [Fact]
    public void Parse_Should_KeepTheReadableRecords_When_AnotherRecordIsMalformed()
    {
        var message = S3EventMessage.Parse("""{"Records":[{"eventName":"ObjectCreated:Put"},{"eventName":"ObjectCreated:Copy","s3":{"bucket":{"name":"b"},"object":{"key":"p/x.yaml"}}}]}""");

        Assert.Equal("record 0 lacks s3.bucket.name", message.Malformed);
        Assert.Equal([new S3EventRecord("ObjectCreated:Copy", "b", "p/x.yaml")], message.Records);
    }
}
