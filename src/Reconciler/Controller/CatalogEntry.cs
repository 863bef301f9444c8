using Reconciler.Model.Loading;

namespace Reconciler.Controller;

/// <summary>
/// An environment as the controller knows it: the spec in force (the last valid one), where it came from, and the
/// current problem if the latest version of its file is invalid or clashes with another file.
/// </summary>
internal sealed record CatalogEntry(string Environment, LoadedSpec InForce, string Location, IReadOnlyList<string> Problems, bool Removed)
{
    public bool HasProblems => Problems.Count > 0;

    /// <summary>Set with <see cref="Removed"/>: when its spec was seen gone and over how many listings since.</summary>
    public Tombstone? Tombstone { get; init; }
}
