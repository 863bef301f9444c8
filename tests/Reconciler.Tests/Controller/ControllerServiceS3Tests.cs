using Amazon.S3;
using Microsoft.Extensions.Logging;
using Reconciler.Controller;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

/// <summary>The controller with an S3 source on moto_server: a spec put in the bucket converges; the .resync marker resyncs; a deleted object orphans;
/// an object replaced by delete-then-put changes nothing.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ControllerServiceS3Tests : IAsyncLifetime
{
    private readonly EngineHarness _h = new();
    private readonly AmazonS3Client _s3 = S3Buckets.Client();
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
        _s3.Dispose();
        _h.Dispose();
    }

    private async Task Start(string bucket)
    {
        var options = new ControllerOptions([], [$"s3://{bucket}/envs"], Resync: TimeSpan.FromHours(1), Rescan: TimeSpan.FromMilliseconds(500), Workers: 2, Listen: null);
        _queue = new WorkQueue(TimeProvider.System, new WorkQueueOptions(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)));
        _sources = ControllerHost.Sources(options, TimeProvider.System, _h.Aws); // as `reconciler run --source` builds them
        var metrics = new ControllerMetrics(_h.Aws.Metrics, () => _queue.Depth, _statuses);
        _controller = new ControllerService(options, _sources, new SpecCatalog(), _queue, _h.Engine, _statuses, metrics, TimeProvider.System, _h.Loggers.CreateLogger<ControllerService>());
        await _controller.StartAsync(CancellationToken.None);
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
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await Reconciler.Cli.CliApp.RunAsync(["run", "--source", source], output, errors, TimeProvider.System);

        Assert.Equal(1, exit);
        Assert.Contains($"--source takes s3://BUCKET/PREFIX, not '{source}'", errors.ToString(), StringComparison.Ordinal);
    }
}
