namespace Reconciler.Aws.Route53;

/// <summary>The Route53 operations the reconciler calls, named as in the official SDK's <c>IAmazonRoute53</c>.</summary>
internal interface IRoute53Api
{
    /// <summary>The zones named exactly <paramref name="dnsName"/> (public and private), every page.</summary>
    Task<IReadOnlyList<HostedZone>> ListHostedZonesByNameAsync(string dnsName, CancellationToken ct);

    /// <summary>Every zone of the account (import's discovery of records), every page.</summary>
    Task<IReadOnlyList<HostedZone>> ListHostedZonesAsync(CancellationToken ct);
    Task<HostedZoneDetails> GetHostedZoneAsync(string zoneId, CancellationToken ct);

    Task<HostedZoneDetails> CreateHostedZoneAsync(CreateHostedZoneRequest request, CancellationToken ct);

    Task DeleteHostedZoneAsync(string zoneId, CancellationToken ct);

    Task ChangeTagsForResourceAsync(ChangeTagsForResourceRequest request, CancellationToken ct);

    Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string zoneId, CancellationToken ct);

    Task<IReadOnlyList<ResourceRecordSet>> ListResourceRecordSetsAsync(ListResourceRecordSetsRequest request, CancellationToken ct);

    /// <summary>Applies the changes atomically: all or none. Returns the change id.</summary>
    Task<string> ChangeResourceRecordSetsAsync(string zoneId, IReadOnlyList<RecordChange> changes, CancellationToken ct);
}
