namespace Reconciler.Controller;

/// <summary>Somewhere specs live: a folder, an S3 prefix. <see cref="Changed"/> fires when a source learns of a change early.</summary>
internal interface ISpecSource : IDisposable
{
    /// <summary>Where this source reads, as a prefix of every document location it lists.</summary>
    string Name { get; }

    event Action? Changed;

    /// <summary>Lists every spec; never throws for an unreachable source: it answers an incomplete listing instead.</summary>
    Task<SourceListing> ListAsync(CancellationToken ct);
}
