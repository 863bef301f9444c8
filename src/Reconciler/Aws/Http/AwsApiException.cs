using System.Net;

namespace Reconciler.Aws.Http;

/// <summary>An error answer from a service reached through the thin clients: service, operation, code, status, request id.</summary>
internal sealed class AwsApiException(string service, string operation, string code, HttpStatusCode status, string? requestId, string message)
    : Exception($"{service}:{operation}: {code} (HTTP {(int)status}){(requestId is { Length: > 0 } ? ", request " + requestId : string.Empty)}: {message}")
{
    public string Service { get; } = service;

    public string Operation { get; } = operation;

    public string Code { get; } = code;

    public HttpStatusCode Status { get; } = status;

    public string? RequestId { get; } = requestId;

    public string AwsMessage { get; } = message;
}
