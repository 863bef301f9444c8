using Reconciler.Model.Yaml;

namespace Reconciler.Model.Loading;

/// <summary>
/// Where each field of a loaded spec was written: field path (<c>spec.network.subnets[2].cidr</c>) to position.
/// Validation that runs on the records looks positions up here, so the records stay plain data.
/// </summary>
internal sealed class SourceMap(string file)
{
    private readonly Dictionary<string, SourceMark> _marks = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public void Add(string path, SourceMark mark) => _marks.TryAdd(path, mark);

    /// <summary>The position of <paramref name="path"/>, else of its nearest recorded parent, else the file start.</summary>
    public SourceMark Find(string path)
    {
        var current = path;
        while (current.Length > 0)
        {
            if (_marks.TryGetValue(current, out var mark))
            {
                return mark;
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            current = cut <= 0 ? string.Empty : current[..cut];
        }

        return SourceMark.Start;
    }
}
