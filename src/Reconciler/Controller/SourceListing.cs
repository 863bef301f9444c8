namespace Reconciler.Controller;

/// <summary>
/// What one source holds now. <see cref="Complete"/> is false when the listing failed or was cut short: then absent
/// documents are unknown, not removed, and nothing may be deleted because of them.
/// </summary>
internal sealed record SourceListing(string Source, IReadOnlyList<SpecDocument> Documents, bool Complete, string? Error = null)
{
    /// <summary>The source saw its on-demand resync marker change since its last listing (S3's <c>.resync</c> object).</summary>
    public bool ResyncRequested { get; init; }

    /// <summary>The documents (locations) an S3 event notification named since the source's previous listing; events only.</summary>
    public IReadOnlyList<string> Touched { get; init; } = [];
}
