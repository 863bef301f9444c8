namespace Reconciler.Cli;

/// <summary>
/// Where <c>set-image</c> reads and writes one spec, with optimistic concurrency: a write names the version it was
/// based on and is refused when the spec changed since. S3 does this with a conditional PutObject (If-Match on the ETag).
/// </summary>
internal interface IConditionalSpecStore
{
    /// <summary>The spec's location as the user wrote it (a path or s3://bucket/key), for messages and diagnostics.</summary>
    string Location { get; }

    Task<StoredSpec> ReadAsync(CancellationToken ct);

    /// <summary>Writes <paramref name="content"/> if the spec is still at <paramref name="version"/>; false when it is not (someone else wrote).</summary>
    Task<bool> TryWriteAsync(byte[] content, string version, CancellationToken ct);
}
