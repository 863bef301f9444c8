namespace Reconciler.Tests.Aws;

/// <summary>
/// Throws a plain .NET exception, as a bug in our code would, instead of sending the JSON-protocol requests of one
/// operation (named by their X-Amz-Target header); everything else goes to moto.
/// </summary>
internal sealed class BugInjectingHandler(HttpMessageHandler inner, string operation) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Headers.TryGetValues("X-Amz-Target", out var targets) && targets.First().EndsWith("." + operation, StringComparison.Ordinal)
            ? throw new InvalidOperationException($"simulated bug before {operation}")
            : base.SendAsync(request, cancellationToken);
}
