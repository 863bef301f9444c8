namespace Reconciler.Tests.Leases;

/// <summary>
/// Cuts a replica off from AWS at once, as if its process had died: once <see cref="Cut"/> is set every request fails
/// before it is sent, so nothing it still tries (renewing or releasing its leases, finishing a pass) reaches AWS.
/// </summary>
internal sealed class SeveredHandler(HttpMessageHandler inner, Func<bool> cut) : DelegatingHandler(inner)
{
    public static Func<HttpMessageHandler, HttpMessageHandler> Wrap(Func<bool> cut) => inner => new SeveredHandler(inner, cut);

    public bool Cut => cut();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        cut() ? throw new HttpRequestException("connection severed: this replica is dead") : base.SendAsync(request, cancellationToken);
}
