using Amazon.EC2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Microsoft.Extensions.Logging;
using Reconciler.Controller;
using Reconciler.Tests.Integration;
using Filter = Amazon.EC2.Model.Filter;

namespace Reconciler.Tests.Controller;

/// <summary>
/// The controller with an S3 source on moto_server: a spec put in the bucket converges; the .resync marker resyncs; a deleted object orphans;
/// an object replaced by delete-then-put changes nothing. With <c>--events sqs://QUEUE</c> the bucket notifies the queue of
/// ObjectCreated:* and ObjectRemoved:* under <c>envs/</c> (moto delivers S3 notifications to its SQS, test event first) and
/// the fallback listing is an hour away, so that only an event can explain a reaction within a test.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ControllerServiceS3Tests : IAsyncLifetime
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

    /// <summary>Starts the controller on <c>s3://BUCKET/envs</c>; with a queue, as <c>--events sqs://QUEUE</c> with the fallback listing an hour away.</summary>
    private async Task Start(string bucket, string? queueUrl = null)
    {
        var events = queueUrl is null ? null : SqsQueueLocation.TryParse("sqs://" + queueUrl)!;
        var rescan = events is null ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromHours(1);
        var options = new ControllerOptions([], [$"s3://{bucket}/envs"], Resync: TimeSpan.FromHours(1), Rescan: rescan, Workers: 2, Listen: null) { Events = events };
        _queue = new WorkQueue(TimeProvider.System, new WorkQueueOptions(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)));
        _sources = ControllerHost.Sources(options, TimeProvider.System, _h.Aws); // as `reconciler run --source [--events]` builds them
        var listener = events is null ? null : ControllerHost.Listener(events, _sources, TimeProvider.System, _h.Aws, _h.Loggers);
        var metrics = new ControllerMetrics(_h.Aws.Metrics, () => _queue.Depth, _statuses);
        _controller = new ControllerService(options, _sources, new SpecCatalog(), _queue, _h.Engine, _statuses, metrics, TimeProvider.System, _h.Loggers.CreateLogger<ControllerService>(), events: listener);
        await _controller.StartAsync(CancellationToken.None);
        if (events is not null)
        {
            await Eventually(() => _statuses.Ready && _h.Logs.Lines.Any(l => l.Contains("Listening for S3 event notifications", StringComparison.Ordinal)), "the first listing and the listener");
        }
    }

    private Task<EnvironmentStatus> Until(string env, Func<EnvironmentStatus, bool> condition) =>
        StatusWait.Until(_statuses, env, condition, () => _h.LogText);

    [Fact]
    public async Task Run_Should_ConvergeASpecFromS3_ResyncOnTheMarker_And_OrphanWhenTheObjectIsDeleted()
    {
        var env = TestSpecs.UniqueName("s3ctl");
        var bucket = await S3Buckets.Create(_s3, "ctl");
        await S3Buckets.Put(_s3, bucket, "envs/.resync", "0");
        await S3Buckets.Put(_s3, bucket, $"envs/{env}.yaml", TestSpecs.Isolated(env, t => t.Replace("prune: true", "prune: false", StringComparison.Ordinal)));
        // Not the prefix's only environment: deleting the only one would be held as a source gone wrong, not orphaned.
        await S3Buckets.Put(_s3, bucket, "envs/bystander.yaml", ControllerRig.Bystander(TestSpecs.UniqueName("by")));
        await Start(bucket);

        var converged = await Until(env, s => s.Result is "repaired" or "in sync");
        await S3Buckets.Put(_s3, bucket, "envs/.resync", "1");
        var resynced = await Until(env, s => s.LastPass > converged.LastPass);
        await _s3.DeleteObjectAsync(bucket, $"envs/{env}.yaml");
        var orphaned = await Until(env, s => s.Result == "orphaned");

        Assert.Equal($"s3://{bucket}/envs/{env}.yaml", converged.Location);
        Assert.Equal("in sync", resynced.Result);
        Assert.Contains(_h.Logs.Lines, l => l.Contains($"Resync marker of s3://{bucket}/envs/ changed", StringComparison.Ordinal));
        Assert.Equal("orphaned", orphaned.Result);
        Assert.NotEmpty(await _h.OwnershipTags(env)); // prune: false: nothing deleted
        Assert.Equal(2, _h.Aws.Metrics.Snapshot().GetValueOrDefault(("s3", "GetObject", "ok"))); // each spec was fetched once, then known by its ETag
    }

    [Fact]
    public async Task Run_Should_ChangeNothingInAws_When_AnObjectIsReplacedByDeleteThenPut()
    {
        // S3 lists strongly consistently after a DELETE: between the delete and the put the object is really absent
        // from a listing (https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel).
        var env = TestSpecs.UniqueName("s3dtp");
        var bucket = await S3Buckets.Create(_s3, "dtp");
        var key = $"envs/{env}.yaml";
        await S3Buckets.Put(_s3, bucket, key, ControllerRig.SmallSpec(env));
        await S3Buckets.Put(_s3, bucket, "envs/bystander.yaml", ControllerRig.Bystander(TestSpecs.UniqueName("by")));
        await Start(bucket);
        await Until(env, s => s.Result is "repaired" or "in sync");
        var mutating = _h.Aws.Metrics.Mutating;

        await _s3.DeleteObjectAsync(bucket, key);
        var tombstoned = await Until(env, s => s.Result == "tombstoned");
        await S3Buckets.Put(_s3, bucket, key, ControllerRig.SmallSpec(env));
        var back = await Until(env, s => s.LastPass > tombstoned.LastPass && s.Result is not ("tombstoned" or "observing"));

        Assert.True(tombstoned.PruneInSeconds > 500, $"{tombstoned}"); // the default grace
        Assert.Equal("in sync", back.Result);
        Assert.Equal(mutating, _h.Aws.Metrics.Mutating); // the S3 calls of the test itself go around the runner
        Assert.Contains(_h.Logs.Lines, l => l.Contains($"Spec of {env} is back (s3://{bucket}/{key}): tombstone cancelled", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bucket/specs")]
    [InlineData("s3://Not_A_Bucket/specs")]
    public async Task Run_Should_Exit1BeforeStarting_When_ASourceIsNotAnS3Location(string source)
    {
        var (exit, errors) = await RunCli("run", "--source", source);

        Assert.Equal(1, exit);
        Assert.Contains($"--source takes s3://BUCKET/PREFIX, not '{source}'", errors, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Errors)> RunCli(params string[] arguments)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await Reconciler.Cli.CliApp.RunAsync(arguments, output, errors, TimeProvider.System);
        return (exit, errors.ToString());
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

    [Fact]
    public async Task Run_Should_LeaveAMalformedMessageForTheDeadLetterQueue_When_TheQueueHasARedrivePolicy()
    {
        var (bucket, queueUrl) = await BucketNotifyingAQueue("dlq");
        var dlqUrl = (await _sqs.CreateQueueAsync(TestSpecs.UniqueName("dlq"))).QueueUrl;
        var dlqArn = (await _sqs.GetQueueAttributesAsync(dlqUrl, ["QueueArn"])).QueueARN;
        // Received once, left, visible again a second later: the second receive moves it (maxReceiveCount 1).
        await _sqs.SetQueueAttributesAsync(queueUrl, new Dictionary<string, string>
        {
            ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"1"}""",
            ["VisibilityTimeout"] = "1",
        });
        await Start(bucket, queueUrl);

        await _sqs.SendMessageAsync(queueUrl, "{\"Message\":\"hunter2\"}");
        var moved = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); moved == 0 && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            moved = (await _sqs.GetQueueAttributesAsync(dlqUrl, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages;
        }

        Assert.Equal(1, moved);
        Assert.Contains(_h.Logs.Lines, l => l.Contains("a malformed message is left for the dead-letter queue", StringComparison.Ordinal));
        Assert.Contains(_h.Logs.Lines, l => l.Contains("is not an S3 event notification: no Records array: not an S3 event notification; left for the queue's dead-letter queue", StringComparison.Ordinal));
        Assert.Equal(1, Calls("sqs", "DeleteMessage")); // the test event's, not the malformed message's
        Assert.DoesNotContain("hunter2", _h.LogText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--source s3://ops-specs/envs --events https://sqs.eu-west-1.amazonaws.com/123456789012/q", "--events takes sqs://QUEUE_URL")]
    [InlineData("--source s3://ops-specs/envs --events sqs://sqs.eu-west-1.amazonaws.com/q", "--events takes sqs://QUEUE_URL")]
    [InlineData("--watch envs --events sqs://sqs.eu-west-1.amazonaws.com/123456789012/q", "--events needs at least one --source")]
    [InlineData("--source s3://ops-specs/envs --events sqs://sqs.eu-west-1.amazonaws.com/123456789012/q --fallback-rescan soon", "--fallback-rescan takes a duration")]
    public async Task Run_Should_Exit1BeforeStarting_When_TheEventOptionsAreWrong(string arguments, string error)
    {
        var (exit, errors) = await RunCli(["run", .. arguments.Split(' ')]);

        Assert.Equal(1, exit);
        Assert.Contains(error, errors, StringComparison.Ordinal);
    }
}
