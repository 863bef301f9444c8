using System.Net;

namespace Reconciler.Aws.Http;

/// <summary>A raw answer: status, the request id header if any, the body.</summary>
internal sealed record AwsHttpResponse(HttpStatusCode Status, string? RequestId, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}
