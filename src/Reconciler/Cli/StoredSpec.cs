namespace Reconciler.Cli;

/// <summary>A spec's bytes and the version they were read at (an S3 ETag, a file's content hash).</summary>
internal sealed record StoredSpec(byte[] Content, string Version);
