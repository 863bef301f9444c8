using System.Collections.Immutable;
using Reconciler.Aws.Route53;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers.Dns;

/// <summary>
/// An alias A record to a load balancer. Records cannot be tagged: each one is owned through its companion TXT
/// ownership record (<see cref="DnsOwner"/>), and a record nobody owns, or another environment owns, is never changed.
/// </summary>
internal sealed class DnsRecordProvider(Route53Zones zones) : IResourceProvider
{
    public ResourceKind Kind => ResourceKinds.DnsRecord;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        // Records cannot be found by tag: the zones named by the desired records are each listed once, and every
        // record whose ownership record names one of the environments is reported, wanted or not (so prune sees it).
        var result = new List<ObservedResource>();
        foreach (var zoneName in ZoneNames(desired))
        {
            foreach (var zone in await zones.PublicZonesNamed(zoneName, ct).ConfigureAwait(false))
            {
                var records = await zones.AllRecords(zone, ct).ConfigureAwait(false);
                foreach (var (name, owner) in records.OwnedBy(environments, Kind.Name + "/"))
                {
                    if (records.At(name, "A").FirstOrDefault() is { } set)
                    {
                        result.Add(Observed(zone.Id, set, owner));
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The zone names referenced by the records' <c>zone</c> property (<c>${hosted-zone/example.com}</c>).</summary>
    public static IEnumerable<string> ZoneNames(IEnumerable<DesiredResource> desired) =>
        desired.Select(d => d.Get("zone"))
            .OfType<string>()
            .SelectMany(References.Find)
            .Where(id => id.StartsWith(ResourceKinds.HostedZone.Name + "/", StringComparison.Ordinal))
            .Select(id => DnsNames.Normalize(id[(ResourceKinds.HostedZone.Name.Length + 1)..]))
            .Distinct(StringComparer.Ordinal);

    private ObservedResource Observed(string zoneId, ResourceRecordSet set, DnsOwner owner)
    {
        var properties = new List<(string Key, FieldValue Value)>
        {
            ("zone", FieldValue.Of(zoneId)),
            ("name", FieldValue.Of(DnsNames.Normalize(set.Name))),
            ("type", FieldValue.Of(set.Type)),
        };
        if (set.Alias is { } alias)
        {
            properties.Add(("aliasTarget", FieldValue.Of(DnsNames.NormalizeAlias(alias.DnsName))));
            properties.Add(("aliasZone", FieldValue.Of(alias.HostedZoneId)));
        }

        // The ownership record stands in for the two ownership tags; records have no other tags (see GraphBuilder).
        return new ObservedResource(
            Kind,
            owner.LogicalId,
            owner.Environment,
            AwsId(zoneId, set.Name, set.Type),
            properties.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
                KeyValuePair.Create(Ownership.EnvironmentTag, owner.Environment),
                KeyValuePair.Create(Ownership.LogicalIdTag, owner.LogicalId),
            ]),
            ImmutableSortedDictionary<string, string>.Empty);
    }

    private static string AwsId(string zoneId, string name, string type) => $"{zoneId}/{DnsNames.Normalize(name)}/{type}";

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var (zoneId, record, owner) = Wanted(desired);
        await zones.Claim(zoneId, record, owner, acceptIdentical: false, ct).ConfigureAwait(false);
        return new CreatedResource(AwsId(zoneId, record.Name, record.Type));
    }

    public Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        // Alias target, alias zone: one UPSERT of the record and its ownership record (name, zone and type replace).
        var (zoneId, record, owner) = Wanted(desired);
        return zones.Claim(zoneId, record, owner, acceptIdentical: false, ct);
    }

    public Task DeleteAsync(ObservedResource actual, CancellationToken ct) =>
        zones.Release(actual.Get("zone") ?? string.Empty, actual.Get("name") ?? string.Empty, actual.Get("type") ?? "A", new DnsOwner(actual.Environment, actual.LogicalId), ct);

    private static (string ZoneId, ResourceRecordSet Record, DnsOwner Owner) Wanted(ResolvedResource desired)
    {
        var record = new ResourceRecordSet(
            Route53Api.Fqdn(DnsNames.Normalize(desired.Get("name"))),
            desired.Get("type"),
            null,
            [],
            new AliasTarget(desired.Get("aliasZone"), desired.Get("aliasTarget"), EvaluateTargetHealth: false));
        return (desired.Get("zone"), record, new DnsOwner(desired.Tags[Ownership.EnvironmentTag], desired.LogicalId));
    }
}
