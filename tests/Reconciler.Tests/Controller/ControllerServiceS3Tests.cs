using Amazon.S3;
using Microsoft.Extensions.Logging;
using Reconciler.Controller;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

/// <summary>The controller with an S3 source on moto_server: a spec put in the bucket converges; the .resync marker resyncs; a deleted object orphans.</summary>
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
