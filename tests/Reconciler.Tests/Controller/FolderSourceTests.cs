using Microsoft.Extensions.Time.Testing;
using Reconciler.Controller;

namespace Reconciler.Tests.Controller;

public sealed class FolderSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("reconciler-folder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text, DateTimeOffset when)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, when.UtcDateTime);
        return path;
    }

    [Fact]
    public async Task ListAsync_Should_ListSpecsAndSkipEditorFiles_When_TheFolderHoldsBoth()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var old = clock.GetUtcNow().AddMinutes(-5);
        Write("a.yaml", "a", old);
        Write("b.yml", "b", old);
        Write(".#a.yaml", "lock", old);
        Write("a.yaml~", "backup", old);
        Write("notes.txt", "text", old);
        using var source = new FolderSource(_dir, clock, watch: false);

        var listing = await source.ListAsync(CancellationToken.None);

        Assert.True(listing.Complete);
        Assert.Equal(["a.yaml", "b.yml"], listing.Documents.Select(d => Path.GetFileName(d.Location)));
        Assert.All(listing.Documents, d => Assert.StartsWith(source.Name, d.Location, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAsync_Should_MarkTheListingIncomplete_When_AFileIsStillBeingWritten()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Write("a.yaml", "a", clock.GetUtcNow().AddMinutes(-5));
        Write("b.yaml", "half", clock.GetUtcNow());
        using var source = new FolderSource(_dir, clock, debounce: TimeSpan.FromSeconds(2), watch: false);

        var fresh = await source.ListAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(3));
        var settled = await source.ListAsync(CancellationToken.None);

        Assert.False(fresh.Complete);
        Assert.Equal(["a.yaml"], fresh.Documents.Select(d => Path.GetFileName(d.Location)));
        Assert.True(settled.Complete);
        Assert.Equal(2, settled.Documents.Count);
    }

    [Fact]
    public async Task ListAsync_Should_AnswerIncomplete_When_TheFolderIsMissing()
    {
        using var source = new FolderSource(Path.Combine(_dir, "missing"), TimeProvider.System, watch: false);

        var listing = await source.ListAsync(CancellationToken.None);

        Assert.False(listing.Complete);
        Assert.Contains("does not exist", listing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_Should_Fire_When_ASpecIsWrittenInAWatchedFolder()
    {
        using var source = new FolderSource(_dir, TimeProvider.System);
        var fired = new TaskCompletionSource();
        source.Changed += () => fired.TrySetResult();

        await File.WriteAllTextAsync(Path.Combine(_dir, "new.yaml"), "x");

        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
