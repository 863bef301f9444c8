using Reconciler.Model.Loading;

namespace Reconciler.Controller;

/// <summary>
/// The environments the sources define, kept safe against bad input: an invalid edit leaves the last valid spec in
/// force; the same environment name in two files is an error for both and neither version is applied (the one in
/// force stays); a source whose listing failed changes nothing; only a file seen gone in a complete listing marks its
/// environment removed, and then only as a <see cref="Tombstone"/>: it is due for pruning after its grace and two
/// complete listings (see <see cref="PruneDue"/>), and the file's return cancels it. A complete listing that holds no
/// spec at all, or that would lose more than <c>maxPruneFraction</c> of its source's environments at once, is taken
/// for a source gone wrong (a late mount, a wrong branch, an emptied prefix): it removes nothing, advances no
/// tombstone, and is reported (<see cref="TakeGuardReports"/>). Parsing happens once per document version.
/// </summary>
internal sealed class SpecCatalog(TimeProvider? time = null, TimeSpan? pruneGrace = null, double maxPruneFraction = SpecCatalog.DefaultMaxPruneFraction)
{
    public const double DefaultMaxPruneFraction = 0.5;

    public static readonly TimeSpan DefaultPruneGrace = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _pruneGrace = pruneGrace ?? DefaultPruneGrace;
    private readonly object _lock = new();

    /// <summary>Per source: whether its last listing was complete and unguarded, and the guard that held it, if any.</summary>
    private readonly Dictionary<string, (bool Trusted, string? Guard)> _sources = new(StringComparer.Ordinal);
    private readonly List<(string Source, string? Guard)> _guardReports = [];
    private readonly HashSet<string> _dueReported = new(StringComparer.Ordinal);
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

    /// <summary>
    /// Applies a listing; returns the environments whose entry changed (to be reconciled), and the tombstones of this
    /// source that are due once it (so a prune follows a successful listing, never a failed one).
    /// </summary>
    public IReadOnlyList<string> Apply(SourceListing listing)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var prefix = listing.Source;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var document in listing.Documents)
            {
                seen.Add(document.Location);
                if (_documents.TryGetValue(document.Location, out var known) && known.Version == document.Version)
                {
                    continue;
                }

                _documents[document.Location] = (document.Version, SpecPipeline.LoadBytes(document.Content, document.Location));
            }

            var trusted = false;
            if (listing.Complete)
            {
                var gone = _documents.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !seen.Contains(k)).ToList();
                var guard = Guard(listing, gone);
                if (_sources.GetValueOrDefault(prefix).Guard != guard)
                {
                    _guardReports.Add((prefix, guard));
                }

                if (guard is null)
                {
                    trusted = true;
                    gone.ForEach(g => _documents.Remove(g));

                    // One more complete listing without their spec, for the tombstones this source already holds.
                    foreach (var entry in _environments.Values.Where(e => e.Tombstone?.Source == prefix).ToList())
                    {
                        _environments[entry.Environment] = entry with { Tombstone = entry.Tombstone! with { Listings = entry.Tombstone.Listings + 1 } };
                    }
                }

                _sources[prefix] = (trusted, guard);
            }
            else
            {
                // Flux's rule: prune only right after a successful fetch of the source, never while it is failing.
                _sources[prefix] = (false, _sources.GetValueOrDefault(prefix).Guard);
            }

            var changed = Recompute(prefix, now);
            if (trusted)
            {
                // Once per tombstone: while its prune is under way the controller's own requeues drive it.
                changed.AddRange(_environments.Values.Where(e => e.Tombstone?.Source == prefix && IsDue(e, now) && _dueReported.Add(e.Environment))
                    .Select(e => e.Environment).Except(changed).ToList());
            }

            return changed;
        }
    }

    /// <summary>
    /// Why a complete listing must not remove anything: it lists no spec at all while the source defined environments,
    /// or it would lose more than the allowed fraction of them at once; null when it is believable.
    /// </summary>
    private string? Guard(SourceListing listing, List<string> gone)
    {
        var defined = _environments.Values.Where(e => !e.Removed && e.Location.StartsWith(listing.Source, StringComparison.Ordinal)).ToList();
        if (defined.Count == 0)
        {
            return null;
        }

        if (listing.Documents.Count == 0)
        {
            return $"source {listing.Source} lists no spec at all; its {defined.Count} environment(s) are kept and nothing is pruned until it lists specs again";
        }

        var goneSet = gone.ToHashSet(StringComparer.Ordinal);
        var remaining = _documents.Where(d => !goneSet.Contains(d.Key)).Select(d => d.Value.Spec.Document?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var lost = defined.Count(e => goneSet.Contains(e.Location) && !remaining.Contains(e.Environment));
        return lost > maxPruneFraction * defined.Count
            ? $"source {listing.Source} lost {lost} of its {defined.Count} environments at once (more than {maxPruneFraction:0.##} of them, --max-prune-fraction); nothing is pruned until the listing looks whole again"
            : null;
    }

    /// <summary>Guards set (a message) or lifted (null) since the last call, one report per change, for the log.</summary>
    public IReadOnlyList<(string Source, string? Guard)> TakeGuardReports()
    {
        lock (_lock)
        {
            var taken = _guardReports.ToList();
            _guardReports.Clear();
            return taken;
        }
    }

    /// <summary>The guards holding the sources a location belongs to (the status shows them; this is their one copy).</summary>
    public IReadOnlyList<string> GuardsOf(string location)
    {
        lock (_lock)
        {
            return [.. _sources.Where(s => s.Value.Guard is not null && location.StartsWith(s.Key, StringComparison.Ordinal)).Select(s => s.Value.Guard!)];
        }
    }

    /// <summary>
    /// True when a removed environment may be pruned now: its tombstone is older than its grace, has lasted over at
    /// least <see cref="Tombstone.MinListings"/> complete listings, and its source's latest listing was complete and unguarded.
    /// </summary>
    public bool PruneDue(string environment)
    {
        lock (_lock)
        {
            return _environments.TryGetValue(environment, out var entry) && IsDue(entry, _time.GetUtcNow());
        }
    }

    private bool IsDue(CatalogEntry entry, DateTimeOffset now) =>
        entry is { Removed: true, Tombstone: { } tombstone } && tombstone.Listings >= Tombstone.MinListings && now >= tombstone.PruneAt &&
        _sources.GetValueOrDefault(tombstone.Source).Trusted;

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
                _dueReported.Remove(environment);
            }
        }
    }

    private List<string> Recompute(string source, DateTimeOffset now)
    {
        var changed = new List<string>();
        // The pipeline's own check across files: a name defined twice makes each of its files invalid.
        var byName = SpecPipeline.WithUniqueNames([.. _documents.Values.Select(d => d.Spec).OrderBy(s => s.File, StringComparer.Ordinal)])
            .Where(s => !string.IsNullOrEmpty(s.Document?.Name))
            .GroupBy(s => s.Document!.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (var (name, files) in byName)
        {
            _environments.TryGetValue(name, out var current);
            CatalogEntry next;
            if (files.Count > 1)
            {
                if (current is null)
                {
                    foreach (var file in files)
                    {
                        Reject(file.File, [.. file.Errors.Select(e => e.ToString())]);
                    }

                    continue;
                }

                next = current with { Problems = [.. files.SelectMany(f => f.Errors).Select(e => e.ToString())], Removed = false, Tombstone = null };
            }
            else
            {
                var (location, spec) = (files[0].File, files[0]);
                if (spec.IsValid)
                {
                    next = new CatalogEntry(name, spec, location, [], false);
                }
                else if (current is not null)
                {
                    next = current with { Problems = [.. spec.Errors.Select(e => e.ToString())], Removed = false, Tombstone = null };
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
                var next = owner with { Problems = [.. spec.Errors.Select(e => e.ToString())], Removed = false, Tombstone = null };
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
                // The grace of the last spec seen, else the controller's.
                var grace = entry.InForce.Document?.Spec.PruneGrace ?? _pruneGrace;
                _environments[entry.Environment] = entry with { Removed = true, Problems = [], Tombstone = new Tombstone(source, now, grace, 1) };
                _dueReported.Remove(entry.Environment);
                changed.Add(entry.Environment);
            }
        }

        return changed;
    }

    private static bool SameEntry(CatalogEntry a, CatalogEntry b) =>
        ReferenceEquals(a.InForce, b.InForce) && a.Location == b.Location && a.Removed == b.Removed && a.Problems.SequenceEqual(b.Problems);
}
