using System.Collections.Concurrent;

namespace Reconciler.Tests.Chaos;

/// <summary>
/// Answers chosen operations with an error that retrying cannot fix (written by <see cref="AwsFaultResponses"/>), for
/// requests whose body names <paramref name="marker"/> (one environment's resources), every time, without sending
/// them; counts those attempts per operation. Everything else goes through.
/// </summary>
internal sealed class TerminalFaultHandler(
    HttpMessageHandler inner,
    IReadOnlyDictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> faults,
    string marker,
    ConcurrentDictionary<string, int> attempts,
    Action<string>? onAttempt = null) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var operation = Operation(request, body);
        if (operation is not null && faults.TryGetValue(operation, out var fault) && body.Contains(marker, StringComparison.Ordinal))
        {
            attempts.AddOrUpdate(operation, 1, (_, n) => n + 1);
            onAttempt?.Invoke(operation);
            return fault(request);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The operation of a JSON (target header) or Query (<c>Action=</c> in the form body) request.</summary>
    private static string? Operation(HttpRequestMessage request, string body)
    {
        if (request.Headers.TryGetValues("X-Amz-Target", out var targets))
        {
            var target = targets.First();
            return target[(target.LastIndexOf('.') + 1)..];
        }

        var action = body.Split('&').FirstOrDefault(p => p.StartsWith("Action=", StringComparison.Ordinal));
        return action?["Action=".Length..];
    }
}
