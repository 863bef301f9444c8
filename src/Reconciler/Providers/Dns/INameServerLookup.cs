namespace Reconciler.Providers.Dns;

/// <summary>The name servers public DNS answers for a zone; null when that could not be found out (offline, timeout).</summary>
internal interface INameServerLookup
{
    Task<IReadOnlyList<string>?> NameServersAsync(string zone, CancellationToken ct);
}
