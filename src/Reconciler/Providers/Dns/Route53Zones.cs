using Reconciler.Aws;
using Reconciler.Aws.Route53;
using Reconciler.Providers.Observation;

namespace Reconciler.Providers.Dns;

/// <summary>
/// What the hosted-zone, dns-record and certificate providers share: finding public zones by name, reading a zone's
/// records with their owners, and writing or removing a record together with its ownership TXT record in one atomic
/// batch. Records that another environment owns, or that nobody owns, are never changed.
/// </summary>
internal sealed class Route53Zones(IRoute53Api api)
{
    /// <summary>TTL of the ownership records and of the certificate validation records.</summary>
    public const long Ttl = 300;

    public IRoute53Api Api => api;

    /// <summary>
    /// The public zones named <paramref name="name"/> (normally one; two is a conflict the planner reports). Within an
    /// observation the zone, record and certificate kinds share one lookup per name (<see cref="ObservationScope"/>).
    /// </summary>
    public Task<IReadOnlyList<HostedZone>> PublicZonesNamed(string name, CancellationToken ct) =>
        ObservationScope.SharedAsync(this, "zones:" + DnsNames.Normalize(name), async () =>
        {
            var zones = await api.ListHostedZonesByNameAsync(DnsNames.Normalize(name), ct).ConfigureAwait(false);
            return (IReadOnlyList<HostedZone>)zones.Where(z => !z.PrivateZone).ToList();
        });

    /// <summary>The public zone a record name belongs to: the closest enclosing zone (one lookup per parent name tried).</summary>
    public async Task<HostedZone?> ZoneOf(string recordName, CancellationToken ct)
    {
        foreach (var candidate in DnsNames.SelfAndParents(recordName).Where(n => n.Contains('.', StringComparison.Ordinal)))
        {
            var zones = await PublicZonesNamed(candidate, ct).ConfigureAwait(false);
            if (zones.Count > 0)
            {
                return zones[0];
            }
        }

        return null;
    }

    /// <summary>Every record set of the zone (one paged listing; one per observation for the record and certificate kinds).</summary>
    public Task<ZoneRecords> AllRecords(HostedZone zone, CancellationToken ct) =>
        ObservationScope.SharedAsync(this, "records:" + zone.Id, async () =>
            new ZoneRecords(zone, await api.ListResourceRecordSetsAsync(new ListResourceRecordSetsRequest(zone.Id), ct).ConfigureAwait(false)));

    /// <summary>The record sets at <paramref name="name"/> and at its ownership record's name: two small windows, not the whole zone.</summary>
    public async Task<ZoneRecords> RecordsAround(string zoneId, string name, CancellationToken ct)
    {
        var sets = new List<ResourceRecordSet>();
        foreach (var start in new[] { DnsNames.Normalize(name), DnsOwner.RecordNameFor(name) })
        {
            var window = await api.ListResourceRecordSetsAsync(new ListResourceRecordSetsRequest(zoneId, start + ".", MaxItems: 20), ct).ConfigureAwait(false);
            sets.AddRange(window.Where(s => DnsNames.Same(s.Name, start)));
        }

        return new ZoneRecords(new HostedZone(zoneId, string.Empty, string.Empty, false), sets);
    }

    /// <summary>
    /// Writes <paramref name="record"/> and its ownership record. A name nobody owns gets both with CREATE, so that
    /// Route53 itself refuses if a record appeared meanwhile; a name we own gets UPSERTs. A name owned by someone else,
    /// or an existing record nobody owns, fails clearly, except when <paramref name="acceptIdentical"/> and the record
    /// already holds exactly the wanted value (a certificate validation CNAME, the same for every certificate of a name).
    /// </summary>
    public async Task Claim(string zoneId, ResourceRecordSet record, DnsOwner owner, bool acceptIdentical, CancellationToken ct)
    {
        var around = await RecordsAround(zoneId, record.Name, ct).ConfigureAwait(false);
        var current = around.OwnerOf(record.Name);
        var existing = around.At(record.Name).Where(s => s.Type == record.Type || s.Type == "CNAME" || record.Type == "CNAME").ToList();
        var ownerRecord = new ResourceRecordSet(DnsOwner.RecordNameFor(record.Name), "TXT", Ttl, [owner.TxtValue], null);
        if (current == owner)
        {
            await api.ChangeResourceRecordSetsAsync(zoneId, [RecordChange.Upsert(record), RecordChange.Upsert(ownerRecord)], ct).ConfigureAwait(false);
            return;
        }

        if (acceptIdentical && existing.Count == 1 && SameContent(existing[0], record))
        {
            return;
        }

        if (current is not null)
        {
            throw new InvalidOperationException($"{DnsNames.Normalize(record.Name)} in zone {zoneId} is owned by {current}: it is left alone");
        }

        if (existing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{DnsNames.Normalize(record.Name)} already has a {existing[0].Type} record in zone {zoneId} that no reconciler environment owns: " +
                "it is never overwritten; delete it by hand, or rename the record in the spec");
        }

        try
        {
            await api.ChangeResourceRecordSetsAsync(zoneId, [RecordChange.Create(record), RecordChange.Create(ownerRecord)], ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "InvalidChangeBatch")
        {
            // A CREATE retried after its answer was lost finds its own records: a batch is applied whole, so an owner
            // record naming this owner means the first attempt wrote both. Anything else is a real refusal.
            var after = await RecordsAround(zoneId, record.Name, ct).ConfigureAwait(false);
            if (after.OwnerOf(record.Name) != owner || !after.At(record.Name).Any(s => SameContent(s, record)))
            {
                throw;
            }
        }
    }

    /// <summary>Deletes the record sets of <paramref name="type"/> at <paramref name="name"/> and their ownership record, if <paramref name="owner"/> owns them.</summary>
    public async Task Release(string zoneId, string name, string type, DnsOwner owner, CancellationToken ct)
    {
        var around = await RecordsAround(zoneId, name, ct).ConfigureAwait(false);
        if (around.OwnerOf(name) != owner)
        {
            return; // not ours (any more): nothing of ours to remove
        }

        var changes = around.At(name, type).Select(Deletion)
            .Concat(around.At(DnsOwner.RecordNameFor(name), "TXT").Select(Deletion))
            .ToList();
        await Delete(zoneId, changes, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps the record at <paramref name="name"/> and moves its ownership record from <paramref name="from"/> to
    /// <paramref name="to"/>, or removes the ownership record when <paramref name="to"/> is null (the record then
    /// belongs to nobody and is never deleted by us). Nothing happens when <paramref name="from"/> no longer owns it.
    /// One batch that DELETEs the old TXT value and CREATEs the new one: Route53 applies a batch whole and refuses a
    /// DELETE whose values differ from the live ones (ChangeResourceRecordSets API reference, "Deleting Resource Record
    /// Sets", "Change Batches and Transactional Changes"), so an owner changed meanwhile makes it fail instead of
    /// being overwritten.
    /// </summary>
    public async Task HandOver(string zoneId, string name, DnsOwner from, DnsOwner? to, CancellationToken ct)
    {
        var around = await RecordsAround(zoneId, name, ct).ConfigureAwait(false);
        if (around.OwnerOf(name) != from || from == to)
        {
            return;
        }

        var changes = around.At(DnsOwner.RecordNameFor(name), "TXT").Select(Deletion).ToList();
        if (to is not null)
        {
            changes.Add(RecordChange.Create(new ResourceRecordSet(DnsOwner.RecordNameFor(name), "TXT", Ttl, [to.TxtValue], null)));
        }

        await api.ChangeResourceRecordSetsAsync(zoneId, changes, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The DELETE of a record set as listed, under its name in the form we send (<c>*</c>, not the <c>\052</c> Route53
    /// lists it as: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html), so the change names
    /// the record exactly as it was created.
    /// </summary>
    public static RecordChange Deletion(ResourceRecordSet set) => RecordChange.Delete(set with { Name = Route53Api.Fqdn(DnsNames.Normalize(set.Name)) });

    /// <summary>Applies DELETE changes in batches; a zone already gone means they are gone too.</summary>
    public async Task Delete(string zoneId, IReadOnlyList<RecordChange> changes, CancellationToken ct)
    {
        foreach (var batch in changes.Chunk(100))
        {
            try
            {
                await api.ChangeResourceRecordSetsAsync(zoneId, batch, ct).ConfigureAwait(false);
            }
            catch (AwsCallException ex) when (ex.Error.Code == "NoSuchHostedZone")
            {
                return;
            }
        }
    }

    /// <summary>Same values or same alias target, compared in canonical form.</summary>
    public static bool SameContent(ResourceRecordSet a, ResourceRecordSet b)
    {
        if (a.Type != b.Type)
        {
            return false;
        }

        if (a.Alias is not null || b.Alias is not null)
        {
            return a.Alias is { } x && b.Alias is { } y && x.HostedZoneId == y.HostedZoneId && DnsNames.NormalizeAlias(x.DnsName) == DnsNames.NormalizeAlias(y.DnsName);
        }

        return a.Values.Select(DnsNames.Normalize).Order(StringComparer.Ordinal).SequenceEqual(b.Values.Select(DnsNames.Normalize).Order(StringComparer.Ordinal));
    }
}
