using System.Collections.Concurrent;

namespace Reconciler.Tests.Security;

/// <summary>Keeps every request the thin clients send (line, headers, body), for tests that check what left the process.</summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public ConcurrentQueue<string> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = string.Join("\n", request.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
        Requests.Enqueue($"{request.Method} {request.RequestUri}\n{headers}\n\n{body}");
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
