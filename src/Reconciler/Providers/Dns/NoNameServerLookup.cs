namespace Reconciler.Providers.Dns;

/// <summary>
/// Delegation is not checked: against an emulator (an AWS endpoint override is set), or when
/// <c>RECONCILER_DNS_CHECK=off</c>. The certificate's status then says it could not check.
/// </summary>
internal sealed class NoNameServerLookup : INameServerLookup
{
    public Task<IReadOnlyList<string>?> NameServersAsync(string zone, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>?>(null);
}
