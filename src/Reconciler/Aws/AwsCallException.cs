namespace Reconciler.Aws;

/// <summary>A call that failed for good (terminal, or retries used up), naming service, operation and error.</summary>
internal sealed class AwsCallException(string service, string operation, AwsError error, Exception inner)
    : Exception($"{service}:{operation} failed: {error.Code}{(error.Status is { } s ? $" (HTTP {(int)s})" : string.Empty)}{(error.RequestId is { Length: > 0 } id ? $", request {id}" : string.Empty)}: {inner.Message}", inner)
{
    public string Service { get; } = service;

    public string Operation { get; } = operation;

    public AwsError Error { get; } = error;
}
