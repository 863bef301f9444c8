using Amazon.Runtime;

namespace Reconciler.Aws;

/// <summary>
/// A call that failed for good (terminal, or retries used up), naming service, operation and error. Its message says
/// each part once: the thin clients' <see cref="Http.AwsApiException"/> already names operation, code and request id,
/// so only AWS's own text (<see cref="AwsMessage"/>) is taken from the inner exception. An AWS error answer carries
/// Code, Message and RequestID (docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html#api-error-response;
/// IAM's Query errors the same: Error/Code, Error/Message, RequestId), which log lines show as separate properties.
/// </summary>
internal sealed class AwsCallException(string service, string operation, AwsError error, Exception inner)
    : Exception($"{service}:{operation} failed: {error.Code}{(error.Status is { } s ? $" (HTTP {(int)s})" : string.Empty)}{(error.RequestId is { Length: > 0 } id ? $", request {id}" : string.Empty)}: {TextOf(inner)}", inner)
{
    public string Service { get; } = service;

    public string Operation { get; } = operation;

    public AwsError Error { get; } = error;

    /// <summary>What AWS said (the error's message element), or the transport's message for a connection error.</summary>
    public string AwsMessage { get; } = TextOf(inner);

    /// <summary>"service:Operation", as log lines and metrics name a call.</summary>
    public string Call => $"{Service}:{Operation}";

    private static string TextOf(Exception inner) => inner switch
    {
        Http.AwsApiException api => api.AwsMessage,
        AmazonServiceException service => service.Message,
        AmazonClientException { InnerException: { } cause } => TextOf(cause),
        _ => inner.Message,
    };
}
