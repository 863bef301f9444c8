using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws;
using Reconciler.Cli;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Cli;

/// <summary>
/// set-image on files and on S3 objects (moto_server), and its optimistic concurrency: a lost race re-reads and
/// retries, up to a limit (unit level with an in-memory conditional store, and on moto with a real conditional PutObject).
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SetImageCommandTests
{
    private const string SampleTag = "tag: latest }   # CI rewrites";

    private static async Task<(int Exit, string Out, string Err)> Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, errors, TimeProvider.System);
        return (exit, output.ToString(), errors.ToString());
    }

    private static async Task<(int Exit, string Out, string Err)> Run(IConditionalSpecStore store, string tag = "3f2a9c1")
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await SetImageCommand.RunAsync(store, "web", tag, null, output, errors, CancellationToken.None);
        return (exit, output.ToString(), errors.ToString());
    }

    private static string Sample(string env) => TestSpecs.SampleText(env);

    /// <summary>The text with its one occurrence of <paramref name="old"/> replaced: everything else byte for byte.</summary>
    private static string Only(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(old, at + 1, StringComparison.Ordinal) < 0);
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length));
    }

    [Fact]
    public async Task SetImage_Should_RewriteOnlyTheTagAndExit0_When_TheSpecIsAFile()
    {
        var text = Sample("file");
        var path = TestSpecs.WriteSpec(text);

        var (exit, output, errors) = await Cli("set-image", path, "--container", "web", "--tag", "3f2a9c1");

        Assert.True(exit == 0, errors);
        Assert.Contains($"{path}: container web of app: app:latest -> app:3f2a9c1", output, StringComparison.Ordinal);
        Assert.Equal(Only(text, SampleTag, "tag: 3f2a9c1 }   # CI rewrites"), await File.ReadAllTextAsync(path));
    }

    [Theory]
    [InlineData("worker", "v1", "no container named 'worker'")]
    [InlineData("web", "-bad", "not a valid image tag")]
    public async Task SetImage_Should_Exit1AndWriteNothing_When_TheContainerIsMissingOrTheTagInvalid(string container, string tag, string message)
    {
        var text = Sample("file");
        var path = TestSpecs.WriteSpec(text);

        var (exit, _, errors) = await Cli("set-image", path, "--container", container, "--tag", tag);

        Assert.Equal(1, exit);
        Assert.Contains(message, errors, StringComparison.Ordinal);
        Assert.Equal(text, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task SetImage_Should_KeepTheByteOrderMark_When_TheFileHasOne()
    {
        var text = Sample("bom");
        var path = TestSpecs.WriteSpec(string.Empty);
        await File.WriteAllBytesAsync(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);

        var (exit, _, errors) = await Cli("set-image", path, "--container", "web", "--tag", "v2");

        Assert.True(exit == 0, errors);
        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Only(text, SampleTag, "tag: v2 }   # CI rewrites"))], await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task SetImage_Should_ReadAgainAndWin_When_ItLosesTheRaceTwice()
    {
        var store = new RacingStore(Sample("race"), losses: 2);

        var (exit, output, errors) = await Run(store);

        Assert.True(exit == 0, errors);
        Assert.Equal(3, store.Reads);
        Assert.Contains("app:latest -> app:3f2a9c1", output, StringComparison.Ordinal);
        Assert.Equal(2, errors.Split('\n').Count(l => l.Contains("changed while it was being edited", StringComparison.Ordinal)));
        Assert.Contains("# other writer 2", store.Text, StringComparison.Ordinal); // the other writers' edits are kept
        Assert.Contains("tag: 3f2a9c1 }", store.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetImage_Should_FailClearlyAfterThreeRetries_When_ItKeepsLosingTheRace()
    {
        var store = new RacingStore(Sample("race"), losses: int.MaxValue);

        var (exit, _, errors) = await Run(store);

        Assert.Equal(1, exit);
        Assert.Equal(SetImageCommand.MaxRetries + 1, store.Reads);
        Assert.Contains("kept changing under the edit (4 attempts lost the race); nothing written", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("3f2a9c1", store.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetImage_Should_RewriteTheObjectInPlace_When_TheSpecIsInS3()
    {
        using var s3 = S3Buckets.Client();
        var bucket = await S3Buckets.Create(s3, "img");
        var text = Sample("s3img");
        await S3Buckets.Put(s3, bucket, "envs/app.yaml", text);

        var (exit, output, errors) = await Cli("set-image", $"s3://{bucket}/envs/app.yaml", "--container", "web", "--tag", "build-42");
        var again = await Cli("set-image", $"s3://{bucket}/envs/app.yaml", "--container", "web", "--tag", "build-42");
        var missing = await Cli("set-image", $"s3://{bucket}/envs/none.yaml", "--container", "web", "--tag", "build-42");

        Assert.True(exit == 0, errors);
        Assert.Contains($"s3://{bucket}/envs/app.yaml: container web of app: app:latest -> app:build-42", output, StringComparison.Ordinal);
        Assert.Equal(Only(text, SampleTag, "tag: build-42 }   # CI rewrites"), await S3Buckets.Read(s3, bucket, "envs/app.yaml"));
        Assert.Equal(0, again.Exit);
        Assert.Contains("already app:build-42; nothing written", again.Out, StringComparison.Ordinal);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("NoSuchKey", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetImage_Should_LoseTheConditionalPutAndRetry_When_SomeoneWritesTheS3ObjectInBetween()
    {
        using var s3 = S3Buckets.Client();
        var bucket = await S3Buckets.Create(s3, "race");
        await S3Buckets.Put(s3, bucket, "app.yaml", Sample("s3race"));
        var metrics = new AwsCallMetrics();
        var runner = new AwsCallRunner(metrics, NullLogger<AwsCallRunner>.Instance, TimeProvider.System);
        var interferer = new InterferingStore(new S3SpecStore(bucket, "app.yaml", s3, runner),
            () => S3Buckets.Put(s3, bucket, "app.yaml", Sample("s3race") + "# written by someone else\n"));

        var (exit, _, errors) = await Run(interferer);

        Assert.True(exit == 0, errors);
        Assert.Contains("changed while it was being edited", errors, StringComparison.Ordinal);
        Assert.Equal(1, metrics.Snapshot().GetValueOrDefault(("s3", "PutObject", "PreconditionFailed"))); // moto honours If-Match
        Assert.Equal(1, metrics.Snapshot().GetValueOrDefault(("s3", "PutObject", "ok")));
        var final = await S3Buckets.Read(s3, bucket, "app.yaml");
        Assert.Contains("# written by someone else", final, StringComparison.Ordinal);
        Assert.Contains("tag: 3f2a9c1 }", final, StringComparison.Ordinal);
    }

    /// <summary>An in-memory conditional store whose first <c>losses</c> writes lose to another writer.</summary>
    private sealed class RacingStore(string text, int losses) : IConditionalSpecStore
    {
        private int _version;
        private int _losses = losses;

        public string Text { get; private set; } = text;

        public int Reads { get; private set; }

        public string Location => "memory://spec.yaml";

        public Task<StoredSpec> ReadAsync(CancellationToken ct)
        {
            Reads++;
            return Task.FromResult(new StoredSpec(Encoding.UTF8.GetBytes(Text), _version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        public Task<bool> TryWriteAsync(byte[] content, string version, CancellationToken ct)
        {
            if (_losses > 0)
            {
                _losses--;
                _version++;
                Text += $"# other writer {_version}\n";
            }

            if (version != _version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return Task.FromResult(false);
            }

            Text = Encoding.UTF8.GetString(content);
            _version++;
            return Task.FromResult(true);
        }
    }

    /// <summary>A real store, with another writer getting in once between the first read and write.</summary>
    private sealed class InterferingStore(IConditionalSpecStore inner, Func<Task> otherWriter) : IConditionalSpecStore
    {
        private bool _done;

        public string Location => inner.Location;

        public Task<StoredSpec> ReadAsync(CancellationToken ct) => inner.ReadAsync(ct);

        public async Task<bool> TryWriteAsync(byte[] content, string version, CancellationToken ct)
        {
            if (!_done)
            {
                _done = true;
                await otherWriter();
            }

            return await inner.TryWriteAsync(content, version, ct);
        }
    }
}
