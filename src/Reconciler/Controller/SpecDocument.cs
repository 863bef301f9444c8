namespace Reconciler.Controller;

/// <summary>One spec as a source holds it: where (a path or an s3:// URI), its version (mtime or ETag) and its bytes.</summary>
internal sealed record SpecDocument(string Location, string Version, byte[] Content);
