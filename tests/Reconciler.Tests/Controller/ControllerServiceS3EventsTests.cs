using Amazon.EC2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Reconciler.Controller;
using Reconciler.Tests.Integration;
using Filter = Amazon.EC2.Model.Filter;

namespace Reconciler.Tests.Controller;

/// <summary>
/// <c>run --source s3://B/envs --events sqs://QUEUE</c> on moto_server, with the bucket notifying the queue of
/// ObjectCreated:* and ObjectRemoved:* under <c>envs/</c> (moto delivers S3 notifications to its SQS, test event first)
/// and a fallback listing of an hour, so that only an event can explain a reaction within the test.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ControllerServiceS3EventsTests : IAsyncLifetime
{
    private readonly EngineHarness _h = new();
    private readonly AmazonS3Client _s3 = S3Buckets.Client();
    private readonly AmazonSQSClient _sqs = new(new AmazonSQSConfig { ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), AuthenticationRegion = EngineHarness.Region });
    private readonly StatusStore _statuses = new();
    private WorkQueue? _queue;
    private ControllerService? _controller;
    private IReadOnlyList<ISpecSource> _sources = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_controller is not null)
        {
            await _controller.StopAsync(CancellationToken.None);
            _controller.Dispose();
        }

        foreach (var source in _sources)
        {
            source.Dispose();
        }

        _queue?.Dispose();
        _sqs.Dispose();
        _s3.Dispose();
        _h.Dispose();
    }

    /// <summary>A bucket and a queue, the bucket's notification configuration pointing at the queue (as docs/s3-events.md sets it).</summary>
    private async Task<(string Bucket, string QueueUrl)> BucketNotifyingAQueue(string name)
    {
        var bucket = await S3Buckets.Create(_s3, name);
        var url = (await _sqs.CreateQueueAsync(TestSpecs.UniqueName(name))).QueueUrl;
        var arn = (await _sqs.GetQueueAttributesAsync(url, ["QueueArn"])).QueueARN;
        await _s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = bucket,
            QueueConfigurations =
            [
                new QueueConfiguration
                {
                    Queue = arn,
                    Events = [EventType.ObjectCreatedAll, EventType.ObjectRemovedAll],
                    Filter = new Amazon.S3.Model.Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("prefix", "envs/")] } },
                },
            ],
        });
        return (bucket, url);
    }

    private async Task Start(string bucket, string queueUrl)
    {
        var events = SqsQueueLocation.TryParse("sqs://" + queueUrl)!;
        var options = new ControllerOptions([], [$"s3://{bucket}/envs"], Resync: TimeSpan.FromHours(1), Rescan: TimeSpan.FromHours(1), Workers: 2, Listen: null) { Events = events };
        _queue = new WorkQueue(TimeProvider.System, new WorkQueueOptions(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)));
        _sources = ControllerHost.Sources(options, TimeProvider.System, _h.Aws); // as `reconciler run --source --events` builds them
        var listener = ControllerHost.Listener(events, _sources, TimeProvider.System, _h.Aws, _h.Loggers);
        var metrics = new ControllerMetrics(_h.Aws.Metrics, () => _queue.Depth, _statuses);
        _controller = new ControllerService(options, _sources, new SpecCatalog(), _queue, _h.Engine, _statuses, metrics, TimeProvider.System, _h.Loggers.CreateLogger<ControllerService>(), events: listener);
        await _controller.StartAsync(CancellationToken.None);
        await Eventually(() => _statuses.Ready && _h.Logs.Lines.Any(l => l.Contains("Listening for S3 event notifications", StringComparison.Ordinal)), "the first listing and the listener");
    }

    private Task<EnvironmentStatus> Until(string env, Func<EnvironmentStatus, bool> condition) =>
        StatusWait.Until(_statuses, env, condition, () => _h.LogText);

    private async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}\n{_h.LogText}");
            await Task.Delay(100);
        }
    }

    private long Calls(string service, string operation) => _h.Aws.Metrics.Snapshot().GetValueOrDefault((service, operation, "ok"));

    /// <summary>The calls that change AWS resources: the listener's own DeleteMessage calls are not counted.</summary>
    private long Mutating() => _h.Aws.Metrics.Snapshot().Where(c => c.Key.Service != "sqs" && Reconciler.Aws.AwsCallMetrics.IsMutating(c.Key.Operation)).Sum(c => c.Value);

    [Fact]
    public async Task Run_Should_ReconcileOnEvents_And_TombstoneARemovedKey_When_TheBucketNotifiesTheQueue()
    {
        var env = TestSpecs.UniqueName("s3evt");
        var key = $"envs/{env}.yaml";
        var (bucket, queueUrl) = await BucketNotifyingAQueue("evt");
        // Not the prefix's only environment: deleting the only one would be held as a source gone wrong.
        await S3Buckets.Put(_s3, bucket, "envs/bystander.yaml", ControllerRig.Bystander(TestSpecs.UniqueName("by")));
        await Start(bucket, queueUrl);
        var listings = Calls("s3", "ListObjectsV2");

        await S3Buckets.Put(_s3, bucket, key, ControllerRig.SmallSpec(env));
        var converged = await Until(env, s => s.Result is "repaired" or "in sync");
        await S3Buckets.Put(_s3, bucket, key, ControllerRig.SmallSpec(env, "tags: { team: blue }"));
        var changed = await Until(env, s => s.LastPass > converged.LastPass && s.Result is "repaired" or "in sync");
        var owned = (await _h.OwnershipTags(env)).Select(t => t.ResourceId).ToHashSet(StringComparer.Ordinal);
        var blue = await _h.Ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("key", ["team"]), new Filter("value", ["blue"])] });
        var mutating = Mutating();

        await _s3.DeleteObjectAsync(bucket, key);
        var tombstoned = await Until(env, s => s.Result == "tombstoned");

        Assert.Equal($"s3://{bucket}/{key}", converged.Location);
        Assert.Equal("repaired", changed.Result); // the new tag, put on what exists
        Assert.Contains(blue.Tags, t => owned.Contains(t.ResourceId));
        // Each reaction came from a notification: the fallback listing is an hour away.
        Assert.InRange(Calls("s3", "ListObjectsV2") - listings, 3, 6);
        Assert.True(tombstoned.PruneInSeconds > 500, $"{tombstoned}"); // the default grace: nothing deleted before it
        Assert.Equal(mutating, Mutating());
        Assert.NotEmpty(await _h.OwnershipTags(env));
        Assert.Contains(_h.Logs.Lines, l => l.Contains($"Spec of {env} (s3://{bucket}/{key}) is gone: tombstoned", StringComparison.Ordinal));
        Assert.Contains(_h.Logs.Lines, l => l.Contains($"S3 test event of bucket {bucket} received", StringComparison.Ordinal));
        Assert.True(Calls("sqs", "DeleteMessage") >= 4, $"{Calls("sqs", "DeleteMessage")}"); // the test event and the three changes
    }

    [Fact]
    public async Task Run_Should_DeleteAMalformedMessageWithoutLoggingItsBody_And_KeepListening_When_TheQueueHasNoRedrivePolicy()
    {
        var env = TestSpecs.UniqueName("s3bad");
        var (bucket, queueUrl) = await BucketNotifyingAQueue("bad");
        await Start(bucket, queueUrl);

        // 't' may begin `true`: the JSON reader stops at the second byte.
        await _sqs.SendMessageAsync(queueUrl, "token=hunter2 is not an event");
        await _sqs.SendMessageAsync(queueUrl, """{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"hunter2"}}}]}""");
        await S3Buckets.Put(_s3, bucket, $"envs/{env}.yaml", ControllerRig.Bystander(env));
        var seen = await Until(env, s => s.Result is not "observing");
        await Eventually(() => _h.Logs.Lines.Count(l => l.Contains("is not an S3 event notification", StringComparison.Ordinal)) == 2, "both malformed messages logged");
        var left = await _sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);

        Assert.Equal($"s3://{bucket}/envs/{env}.yaml", seen.Location);
        Assert.Contains(_h.Logs.Lines, l => l.Contains("is not an S3 event notification: not JSON (line 1, byte 2); deleted", StringComparison.Ordinal));
        Assert.Contains(_h.Logs.Lines, l => l.Contains("is not an S3 event notification: record 0 lacks s3.object.key; deleted", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", _h.LogText, StringComparison.Ordinal);
        Assert.Equal(0, left.ApproximateNumberOfMessages + left.ApproximateNumberOfMessagesNotVisible);
    }
}
