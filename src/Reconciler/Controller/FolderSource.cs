using System.Globalization;
using Reconciler.Model.Loading;

namespace Reconciler.Controller;

/// <summary>
/// A watched folder: file-system events for low latency plus the periodic rescan that the controller does anyway,
/// since events get lost. A file written less than <see cref="Debounce"/> ago may be half-written: the listing that
/// sees it is marked incomplete (so no environment is taken for removed) and the next scan reads it.
/// Editor temp files (<c>.#x</c>, <c>x~</c>, <c>.x.swp</c>) are ignored by name.
/// </summary>
internal sealed class FolderSource : ISpecSource
{
    private readonly string _root;
    private readonly TimeProvider _time;
    private readonly FileSystemWatcher? _watcher;

    public FolderSource(string root, TimeProvider time, TimeSpan? debounce = null, bool watch = true)
    {
        _root = Path.GetFullPath(root);
        _time = time;
        Debounce = debounce ?? TimeSpan.FromSeconds(1);
        if (watch && Directory.Exists(_root))
        {
            _watcher = new FileSystemWatcher(_root) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            _watcher.Created += OnEvent;
            _watcher.Changed += OnEvent;
            _watcher.Deleted += OnEvent;
            _watcher.Renamed += OnEvent;
        }
    }

    public event Action? Changed;

    public string Name => _root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar;

    public TimeSpan Debounce { get; }

    public Task<SourceListing> ListAsync(CancellationToken ct)
    {
        if (!Directory.Exists(_root))
        {
            return Task.FromResult(new SourceListing(Name, [], Complete: false, Error: $"folder {_root} does not exist"));
        }

        var documents = new List<SpecDocument>();
        var complete = true;
        string? error = null;
        try
        {
            foreach (var path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Where(SpecLoader.IsSpecFile).Order(StringComparer.Ordinal))
            {
                ct.ThrowIfCancellationRequested();
                var info = new FileInfo(path);
                if (_time.GetUtcNow() - info.LastWriteTimeUtc < Debounce)
                {
                    complete = false;
                    continue;
                }

                if (info.Length > SpecLoader.MaxFileBytes)
                {
                    // Still listed (so the environment is not taken for removed); the loader reports the size.
                    documents.Add(new SpecDocument(path, Version(info), new byte[SpecLoader.MaxFileBytes + 1]));
                    continue;
                }

                documents.Add(new SpecDocument(path, Version(info), File.ReadAllBytes(path)));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            complete = false;
            error = ex.Message;
        }

        return Task.FromResult(new SourceListing(Name, documents, complete, error));
    }

    private static string Version(FileInfo info) =>
        info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture) + ":" + info.Length.ToString(CultureInfo.InvariantCulture);

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        if (SpecLoader.IsSpecFile(e.FullPath) || (e is RenamedEventArgs r && SpecLoader.IsSpecFile(r.OldFullPath)))
        {
            Changed?.Invoke();
        }
    }

    public void Dispose() => _watcher?.Dispose();
}
