using Reconciler.Model.Text;
using Reconciler.Model.Yaml;

namespace Reconciler.Model.Loading;

/// <summary>
/// Where each field of a loaded spec was written: field path (<c>spec.network.subnets[2].cidr</c>) to position.
/// Validation that runs on the records looks positions up here, so the records stay plain data.
/// <para>
/// While a spec loads, paths are kept in a dictionary (validation may look many up). <see cref="Freeze"/>, at the end
/// of a load, turns them into a tree of path segments (<c>spec</c>, <c>.network</c>, <c>.subnets</c>, <c>[2]</c>...),
/// each segment string shared by every spec: a loaded spec is kept as long as it is in force, and its positions are
/// rarely read again, so they should not cost a string per field (issue 14: they were a quarter of what a controller
/// kept per environment). Lookups answer the same either way.
/// </para>
/// </summary>
internal sealed class SourceMap(string file)
{
    private Dictionary<string, SourceMark>? _marks = new(StringComparer.Ordinal);
    private Tree? _tree;

    public string File { get; } = file;

    public void Add(string path, SourceMark mark)
    {
        if (_marks is null)
        {
            Thaw();
        }

        _marks!.TryAdd(path, mark);
    }

    /// <summary>The position of <paramref name="path"/>, else of its nearest recorded parent, else the file start.</summary>
    public SourceMark Find(string path)
    {
        if (_marks is null)
        {
            return _tree!.Find(path);
        }

        var current = path;
        while (current.Length > 0)
        {
            if (_marks.TryGetValue(current, out var mark))
            {
                return mark;
            }

            var cut = LastSeparator(current);
            current = cut <= 0 ? string.Empty : current[..cut];
        }

        return SourceMark.Start;
    }

    /// <summary>Keeps the positions in their compact form (see the class summary); a later <see cref="Add"/> undoes it.</summary>
    public void Freeze()
    {
        if (_marks is not null)
        {
            _tree = Tree.Of(_marks);
            _marks = null;
        }
    }

    /// <summary>Whether both are frozen and share one shape (the paths' tree); for tests of that sharing.</summary>
    internal bool SharesShapeWith(SourceMap other) => _tree is not null && other._tree is not null && _tree.SharesShapeWith(other._tree);

    private void Thaw()
    {
        _marks = new Dictionary<string, SourceMark>(StringComparer.Ordinal);
        foreach (var (path, mark) in _tree!.All())
        {
            _marks.TryAdd(path, mark);
        }

        _tree = null;
    }

    /// <summary>Where the last segment of <paramref name="path"/> starts: its '.' or '['.</summary>
    private static int LastSeparator(string path) => path.AsSpan().LastIndexOfAny('.', '[');

    /// <summary>
    /// The segments of <paramref name="path"/>: cut before every '.' and '[' but the first character, so that dropping
    /// the last segment is cutting at the last separator, the step <see cref="Find"/> takes to a parent.
    /// </summary>
    private static List<string> Segments(string path)
    {
        var segments = new List<string>();
        var start = 0;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i == path.Length || path[i] is '.' or '[')
            {
                segments.Add(path[start..i]);
                start = i;
            }
        }

        return segments;
    }

    /// <summary>The frozen form: node i has a parent (-1: the top), a segment, and a mark when its path was recorded.</summary>
    private sealed class Tree
    {
        private readonly int[] _parents;
        private readonly string[] _segments;
        private readonly SourceMark[] _marks;
        private readonly bool[] _recorded;

        // The tree's shape (parents, segments, which nodes are recorded) depends on the paths alone, which are the same
        // for every spec written from one template: equal shapes share their arrays (issue 14, fourth round), and only
        // the marks are a spec's own. Lossy and bounded as SortedMapKeys: one slot per hash of the shape.
        private static readonly SharedShapes Shapes = new();

        private Tree(int[] parents, string[] segments, SourceMark[] marks, bool[] recorded)
        {
            _parents = parents;
            _segments = segments;
            _marks = marks;
            _recorded = recorded;
        }

        public static Tree Of(Dictionary<string, SourceMark> marks)
        {
            var parents = new List<int>(marks.Count);
            var segments = new List<string>(marks.Count);
            var nodeMarks = new List<SourceMark>(marks.Count);
            var recorded = new List<bool>(marks.Count);
            // Node of each path prefix made so far, looked up by span: a parent is found without cutting a string.
            var nodes = new Dictionary<string, int>(marks.Count, StringComparer.Ordinal);
            var byPrefix = nodes.GetAlternateLookup<ReadOnlySpan<char>>();

            int NodeOf(string path, int length)
            {
                if (byPrefix.TryGetValue(path.AsSpan(0, length), out var node))
                {
                    return node;
                }

                // The last separator after the first character, as Segments cuts.
                var cut = path.AsSpan(1, length - 1).LastIndexOfAny('.', '[') + 1;
                var parent = cut <= 0 ? -1 : NodeOf(path, cut);
                node = parents.Count;
                parents.Add(parent);
                segments.Add(SharedStrings.Share(path[Math.Max(cut, 0)..length]));
                nodeMarks.Add(SourceMark.Start);
                recorded.Add(false);
                nodes.Add(length == path.Length ? path : path[..length], node);
                return node;
            }

            foreach (var (path, mark) in marks)
            {
                // The empty path (the document itself) is never looked up: Find stops before it.
                if (path.Length == 0)
                {
                    continue;
                }

                var node = NodeOf(path, path.Length);
                nodeMarks[node] = mark;
                recorded[node] = true;
            }

            var (sharedParents, sharedSegments, sharedRecorded) = Shapes.Share([.. parents], [.. segments], [.. recorded]);
            return new Tree(sharedParents, sharedSegments, [.. nodeMarks], sharedRecorded);
        }

        public SourceMark Find(string path)
        {
            // The deepest recorded node on the path's way down: what the dictionary's walk up from the path finds first.
            var found = SourceMark.Start;
            var node = -1;
            foreach (var segment in Segments(path))
            {
                node = Child(node, segment);
                if (node < 0)
                {
                    break;
                }

                if (_recorded[node])
                {
                    found = _marks[node];
                }
            }

            return found;
        }

        public bool SharesShapeWith(Tree other) => ReferenceEquals(_parents, other._parents) && ReferenceEquals(_segments, other._segments);

        /// <summary>Equal shapes share one set of arrays (see <see cref="Shapes"/>).</summary>
        private sealed class SharedShapes
        {
            private readonly (int[] Parents, string[] Segments, bool[] Recorded)?[] _slots = new (int[], string[], bool[])?[1 << 8];

            public (int[] Parents, string[] Segments, bool[] Recorded) Share(int[] parents, string[] segments, bool[] recorded)
            {
                var hash = default(HashCode);
                hash.Add(parents.Length);
                for (var i = 0; i < parents.Length; i++)
                {
                    hash.Add(parents[i]);
                    hash.Add(segments[i], StringComparer.Ordinal);
                    hash.Add(recorded[i]);
                }

                var slot = (int)((uint)hash.ToHashCode() % (uint)_slots.Length);
                // A slot holds a tuple of three references: read it under a lock, as a torn read would mix two shapes.
                lock (_slots)
                {
                    if (_slots[slot] is { } cached && cached.Parents.AsSpan().SequenceEqual(parents) && cached.Recorded.AsSpan().SequenceEqual(recorded) &&
                        cached.Segments.AsSpan().SequenceEqual(segments, StringComparer.Ordinal))
                    {
                        return cached;
                    }

                    _slots[slot] = (parents, segments, recorded);
                }

                return (parents, segments, recorded);
            }
        }

        /// <summary>Every recorded path with its mark.</summary>
        public IEnumerable<(string Path, SourceMark Mark)> All()
        {
            var paths = new string[_parents.Length];
            for (var i = 0; i < _parents.Length; i++)
            {
                // A parent always comes before its children.
                paths[i] = _parents[i] < 0 ? _segments[i] : paths[_parents[i]] + _segments[i];
                if (_recorded[i])
                {
                    yield return (paths[i], _marks[i]);
                }
            }
        }

        private int Child(int parent, string segment)
        {
            for (var i = parent + 1; i < _parents.Length; i++)
            {
                if (_parents[i] == parent && string.Equals(_segments[i], segment, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
