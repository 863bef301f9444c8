using Reconciler.Aws.Route53;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Dns;
using K = Reconciler.Model.Kinds.DnsRecordKind;
using AliasTarget = Reconciler.Model.Kinds.AliasTarget;
using Route53AliasTarget = Reconciler.Aws.Route53.AliasTarget;

namespace Reconciler.Kinds;

/// <summary>
/// An alias A record to a load balancer. Records cannot be tagged: each one is owned through its companion TXT
/// ownership record (<see cref="DnsOwner"/>), and a record nobody owns, or another environment owns, is never changed.
/// </summary>
internal sealed class DnsRecordProvider(Route53Zones zones) : IResourceProvider
{
    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        // Records cannot be found by tag: the zones named by the desired records are each listed once, and every
        // record whose ownership record names one of the environments is reported, wanted or not (so prune sees it).
        var result = new List<ObservedResource>();
        foreach (var zoneName in desired.Select(d => d.Item<HostedZoneRef>(K.Zone)?.Name).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            foreach (var zone in await zones.PublicZonesNamed(zoneName, ct).ConfigureAwait(false))
            {
                var records = await zones.AllRecords(zone, ct).ConfigureAwait(false);
                foreach (var (name, owner) in records.OwnedBy(environments, Kind.Name + "/"))
                {
                    if (records.At(name, K.RecordType).FirstOrDefault() is { } set)
                    {
                        result.Add(Observed(new HostedZoneRef(DnsNames.Normalize(zone.Name), zone.Id), set, owner));
                    }
                }
            }
        }

        return result;
    }

    private ObservedResource Observed(HostedZoneRef zone, ResourceRecordSet set, DnsOwner owner)
    {
        var properties = new List<(string Key, FieldValue Value)>
        {
            (K.Zone, FieldValue.Of(zone)),
            (K.Name, FieldValue.Of(DnsNames.Normalize(set.Name))),
            (K.Type, FieldValue.Of(set.Type)),
        };
        if (set.Alias is { } alias)
        {
            properties.Add((K.AliasTarget, FieldValue.Of(new AliasTarget(DnsNames.NormalizeAlias(alias.DnsName), alias.HostedZoneId))));
        }

        // The ownership record stands in for the two ownership tags; records have no other tags (see GraphBuilder).
        return new ObservedResource(
            Kind,
            owner.LogicalId,
            owner.Environment,
            AwsId(zone.Id, set.Name, set.Type),
            properties.ToSortedMap(p => p.Key, p => p.Value),
            SortedMap<string>.CreateRange([
                KeyValuePair.Create(Ownership.EnvironmentTag, owner.Environment),
                KeyValuePair.Create(Ownership.LogicalIdTag, owner.LogicalId),
            ]),
            SortedMap<string>.Empty);
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
        zones.Release(actual.Item<HostedZoneRef>(K.Zone)?.Id ?? string.Empty, actual.Get(K.Name) ?? string.Empty, actual.Get(K.Type) ?? K.RecordType, new DnsOwner(actual.Environment, actual.LogicalId), ct);

    private static (string ZoneId, ResourceRecordSet Record, DnsOwner Owner) Wanted(ResolvedResource desired)
    {
        var alias = desired.Item<AliasTarget>(K.AliasTarget);
        var record = new ResourceRecordSet(
            Route53Api.Fqdn(DnsNames.Normalize(desired.Get(K.Name))),
            desired.Get(K.Type),
            null,
            [],
            new Route53AliasTarget(alias.HostedZoneId, alias.DnsName, EvaluateTargetHealth: false));
        return (desired.Item<HostedZoneRef>(K.Zone).Id, record, new DnsOwner(desired.Tags[Ownership.EnvironmentTag], desired.LogicalId));
    }
}
