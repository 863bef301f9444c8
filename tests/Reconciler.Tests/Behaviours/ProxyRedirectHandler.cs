namespace Reconciler.Tests.Behaviours;

/// <summary>Sends a request to the behaviours proxy instead of its endpoint (moto_server): same path, query, headers and body.</summary>
internal sealed class ProxyRedirectHandler(HttpMessageHandler inner, Uri proxy) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = proxy.Scheme, Host = proxy.Host, Port = proxy.Port }.Uri;
            request.Headers.Host = null;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
