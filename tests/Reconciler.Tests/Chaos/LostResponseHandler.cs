using System.Collections.Concurrent;

namespace Reconciler.Tests.Chaos;

/// <summary>
/// Lets a create through to moto_server, then loses its answer (a connection reset after the request was applied),
/// once per operation named: the case where a blind retry makes a second resource.
/// </summary>
internal sealed class LostResponseHandler(HttpMessageHandler inner, IReadOnlySet<string> operations, ConcurrentDictionary<string, int> lost) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var operation = await Operation(request, response, cancellationToken);
        if (operation is not null && operations.Contains(operation) && response.IsSuccessStatusCode && lost.TryAdd(operation, 1))
        {
            response.Dispose();
            throw new HttpRequestException($"connection reset after {operation} was sent (injected)");
        }

        return response;
    }

    /// <summary>
    /// The operation: the JSON target header; S3's CreateBucket (a PUT of a bare path-style bucket, answered with an
    /// empty body); else the root element of an XML answer (<c>CreateVpcResponse</c>).
    /// </summary>
    private static async Task<string?> Operation(HttpRequestMessage request, HttpResponseMessage response, CancellationToken ct)
    {
        if (request.Headers.TryGetValues("X-Amz-Target", out var targets))
        {
            var target = targets.First();
            return target[(target.LastIndexOf('.') + 1)..];
        }

        if (request.Method == HttpMethod.Put && request.RequestUri is { } uri && string.IsNullOrEmpty(uri.Query) &&
            uri.AbsolutePath.Trim('/') is { Length: > 0 } path && !path.Contains('/', StringComparison.Ordinal))
        {
            return "CreateBucket";
        }

        await response.Content.LoadIntoBufferAsync(ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var start = body.IndexOf('<', body.StartsWith("<?xml", StringComparison.Ordinal) ? 1 : 0);
        if (start < 0)
        {
            return null;
        }

        var end = body.IndexOfAny([' ', '>'], start);
        var root = end < 0 ? null : body[(start + 1)..end];
        return root is not null && root.EndsWith("Response", StringComparison.Ordinal) ? root[..^"Response".Length] : null;
    }
}
