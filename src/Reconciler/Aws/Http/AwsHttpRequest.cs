namespace Reconciler.Aws.Http;

/// <summary>A request before signing: method, path, query, headers, body.</summary>
internal sealed record AwsHttpRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body);
