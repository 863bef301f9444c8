using Reconciler.Model.Loading;

namespace Reconciler.Controller;

/// <summary>
/// The environments the sources define, kept safe against bad input: an invalid edit leaves the last valid spec in
/// force; the same environment name in two files is an error for both and neither version is applied (the one in
/// force stays); a source whose listing failed changes nothing; only a file seen gone in a complete listing marks its
/// environment removed. Parsing happens once per document version.
/// </summary>
internal sealed class SpecCatalog
{
    private readonly object _lock = new();
    private readonly Dictionary<string, (string Version, LoadedSpec Spec)> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CatalogEntry> _environments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _reportedRejections = new(StringComparer.Ordinal);
    private readonly List<(string Location, IReadOnlyList<string> Problems)> _rejections = [];

    /// <summary>
    /// Files that define no environment in force (never valid, or a clash between new files), each reported once per
    /// version, so the controller can log them: nothing about them is applied.
    /// </summary>
    public IReadOnlyList<(string Location, IReadOnlyList<string> Problems)> TakeRejections()
    {
        lock (_lock)
        {
            var taken = _rejections.ToList();
            _rejections.Clear();
            return taken;
        }
    }

    private void Reject(string location, IReadOnlyList<string> problems)
    {
        var version = _documents.TryGetValue(location, out var known) ? known.Version : string.Empty;
        if (_reportedRejections.GetValueOrDefault(location) != version)
        {
            _reportedRejections[location] = version;
            _rejections.Add((location, problems));
        }
    }

    /// <summary>Applies a listing; returns the environments whose entry changed (to be reconciled).</summary>
    public IReadOnlyList<string> Apply(SourceListing listing)
    {
        lock (_lock)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var document in listing.Documents)
            {
                seen.Add(document.Location);
                if (_documents.TryGetValue(document.Location, out var known) && known.Version == document.Version)
                {
                    continue;
                }

                _documents[document.Location] = (document.Version, SpecLoader.LoadBytes(document.Content, document.Location));
            }

            if (listing.Complete)
            {
                var prefix = listing.Source;
                foreach (var gone in _documents.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !seen.Contains(k)).ToList())
                {
                    _documents.Remove(gone);
                }
            }

            return Recompute();
        }
    }

    public IReadOnlyList<CatalogEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _environments.Values];
            }
        }
    }

    public CatalogEntry? Find(string environment)
    {
        lock (_lock)
        {
            return _environments.GetValueOrDefault(environment);
        }
    }

    /// <summary>Forgets an environment after its removal has been handled.</summary>
    public void Forget(string environment)
    {
        lock (_lock)
        {
            if (_environments.TryGetValue(environment, out var entry) && entry.Removed)
            {
                _environments.Remove(environment);
            }
        }
    }

    private List<string> Recompute()
    {
        var changed = new List<string>();
        var byName = _documents
            .Select(d => (Location: d.Key, d.Value.Spec, Name: d.Value.Spec.Document?.Name))
            .Where(d => !string.IsNullOrEmpty(d.Name))
            .GroupBy(d => d.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (var (name, files) in byName)
        {
            _environments.TryGetValue(name, out var current);
            CatalogEntry next;
            if (files.Count > 1)
            {
                var where = string.Join(", ", files.Select(f => f.Location).Order(StringComparer.Ordinal));
                var problem = $"environment '{name}' is defined in {files.Count} files ({where}); none is applied until one remains";
                if (current is null)
                {
                    foreach (var file in files)
                    {
                        Reject(file.Location, [problem]);
                    }

                    continue;
                }

                next = current with { Problems = [problem], Removed = false };
            }
            else
            {
                var (location, spec, _) = files[0];
                if (spec.IsValid)
                {
                    next = new CatalogEntry(name, spec, location, [], false);
                }
                else if (current is not null)
                {
                    next = current with { Problems = [.. spec.Errors.Select(e => e.ToString())], Removed = false };
                }
                else
                {
                    Reject(location, [.. spec.Errors.Select(e => e.ToString())]);
                    continue;
                }
            }

            if (!Equals(current, next) && (current is null || !SameEntry(current, next)))
            {
                _environments[name] = next;
                changed.Add(name);
            }
        }

        // A file with a broken metadata.name still belongs to the environment its location last defined.
        foreach (var (location, (_, spec)) in _documents.Where(d => string.IsNullOrEmpty(d.Value.Spec.Document?.Name)))
        {
            var owner = _environments.Values.FirstOrDefault(e => e.Location == location);
            if (owner is null)
            {
                Reject(location, [.. spec.Errors.Select(e => e.ToString())]);
            }
            else if (!byName.ContainsKey(owner.Environment))
            {
                var next = owner with { Problems = [.. spec.Errors.Select(e => e.ToString())], Removed = false };
                if (!SameEntry(owner, next))
                {
                    _environments[owner.Environment] = next;
                    changed.Add(owner.Environment);
                }
            }
        }

        foreach (var entry in _environments.Values.Where(e => !e.Removed).ToList())
        {
            var stillThere = byName.ContainsKey(entry.Environment) || _documents.ContainsKey(entry.Location);
            if (!stillThere)
            {
                _environments[entry.Environment] = entry with { Removed = true, Problems = [] };
                changed.Add(entry.Environment);
            }
        }

        return changed;
    }

    private static bool SameEntry(CatalogEntry a, CatalogEntry b) =>
        ReferenceEquals(a.InForce, b.InForce) && a.Location == b.Location && a.Removed == b.Removed && a.Problems.SequenceEqual(b.Problems);
}
