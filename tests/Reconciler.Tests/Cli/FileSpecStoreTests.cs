using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Cli;
using Reconciler.Controller;
using Reconciler.Model.Loading;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Cli;

/// <summary>
/// set-image on a spec file is atomic: written to a temporary file in the same folder and renamed over the spec
/// (rename(2) replaces atomically: man 2 rename), so a reader never sees a truncated file, and a temporary file left
/// by a crash is never read as a spec. No AWS here: a spec file is local.
/// </summary>
public sealed class FileSpecStoreTests
{
    private const string SampleTag = "tag: latest }   # CI rewrites";

    [Fact]
    public async Task SetImage_Should_NeverShowAReaderAPartialFileNorLeaveATemporaryFile_When_ReadersLoadTheSpecWhileItRunsManyTimes()
    {
        var text = TestSpecs.SampleText("atomic");
        var path = TestSpecs.WriteSpec(text);
        var folder = Path.GetDirectoryName(path)!;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // 0600: kept by the rename
        }

        const int Runs = 40;
        var tags = Enumerable.Range(1, Runs).Select(i => $"v{i}").ToList();
        var complete = tags.Select(t => text.Replace(SampleTag, $"tag: {t} }}   # CI rewrites", StringComparison.Ordinal)).Append(text).ToHashSet(StringComparer.Ordinal);
        var bad = new ConcurrentQueue<string>();
        var reads = 0;
        using var stop = new CancellationTokenSource();

        // Readers as the controller and a CI job read a spec: the whole file at once, over and over.
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var seen = Encoding.UTF8.GetString(File.ReadAllBytes(path));
                    Interlocked.Increment(ref reads);
                    if (!complete.Contains(seen))
                    {
                        bad.Enqueue($"{seen.Length} of {text.Length} characters");
                    }
                }
                catch (IOException ex)
                {
                    // A file missing, or shorter than when the read began (the in-place write's "Unable to read beyond the end of the stream").
                    bad.Enqueue(ex.Message);
                }
            }
        })).ToList();

        var exits = new List<(int Exit, string Errors)>();
        foreach (var tag in tags)
        {
            using var output = new StringWriter();
            using var errors = new StringWriter();
            exits.Add((await CliApp.RunAsync(["set-image", path, "--container", "web", "--tag", tag], output, errors, TimeProvider.System), errors.ToString()));
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.All(exits, e => Assert.True(e.Exit == 0, e.Errors));
        Assert.True(reads > Runs, $"only {reads} reads: the readers did not overlap the writes");
        Assert.Empty(bad);
        Assert.Equal(text.Replace(SampleTag, $"tag: v{Runs} }}   # CI rewrites", StringComparison.Ordinal), await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(folder));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task TryWriteAsync_Should_ReplaceTheFileTheLinkPointsTo_When_TheSpecIsASymbolicLink()
    {
        var text = TestSpecs.SampleText("linked");
        var target = TestSpecs.WriteSpec(text);
        var link = Path.Combine(Directory.CreateTempSubdirectory("reconciler-link-").FullName, "environment.yaml");
        File.CreateSymbolicLink(link, target);
        var store = new FileSpecStore(link);
        var stored = await store.ReadAsync(CancellationToken.None);

        Assert.True(await store.TryWriteAsync(Encoding.UTF8.GetBytes(text + "# edited\n"), stored.Version, CancellationToken.None));

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.EndsWith("# edited\n", await File.ReadAllTextAsync(target), StringComparison.Ordinal);
        Assert.Equal([target], Directory.GetFiles(Path.GetDirectoryName(target)!));
    }

    [Fact]
    public async Task Loaders_Should_IgnoreATemporaryFile_When_ACrashLeftOneHalfWrittenInTheFolder()
    {
        var text = TestSpecs.SampleText("leftover");
        var path = TestSpecs.WriteSpec(text);
        var folder = Path.GetDirectoryName(path)!;
        var leftover = Path.Combine(folder, $".environment.yaml.{Guid.NewGuid():N}.set-image.tmp");
        await File.WriteAllTextAsync(leftover, text[..(text.Length / 2)]);
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddMinutes(-5));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-5));

        // The controller's folder source, the CLI's folder loading: both see the spec only.
        using var source = new FolderSource(folder, new FakeTimeProvider(DateTimeOffset.UtcNow), watch: false);
        var listing = await source.ListAsync(CancellationToken.None);
        using var errors = new StringWriter();
        var loaded = SpecSet.Load([folder], errors);

        Assert.True(FileSpecStore.IsTemporary(leftover));
        Assert.False(SpecLoader.IsSpecFile(leftover));
        Assert.Equal([path], listing.Documents.Select(d => d.Location));
        Assert.NotNull(loaded);
        Assert.Equal("leftover", Assert.Single(loaded).Document.Name);
    }
}
