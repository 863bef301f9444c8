using System.Collections.Immutable;
using Reconciler.Aws;
using Reconciler.Aws.Route53;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Dns;
using K = Reconciler.Model.Kinds.HostedZoneKind;

namespace Reconciler.Kinds;

/// <summary>
/// The public hosted zone: adopted by name when one exists, created (and tagged) otherwise. Several environments may
/// share it, each owning its own records, so it is found by name (not by tag) for every environment that names it.
/// It is deleted only on destroy with the opt-in (the planner's rule for shared, stateful kinds), and only when no
/// record of another owner remains.
/// </summary>
internal sealed class HostedZoneProvider(Route53Zones zones, TimeProvider time) : IResourceProvider
{
    /// <summary>How many of the records that keep a zone its report names.</summary>
    private const int RecordsShown = 5;

    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        // Found by name, one lookup (and one tag read) per zone the specs name: a shared zone carries only its
        // creator's tags, so a tag filter would not find it for the other environments.
        var result = new List<ObservedResource>();
        foreach (var byName in desired.GroupBy(d => DnsNames.Normalize(d.Get(K.Name) ?? d.Name)))
        {
            foreach (var zone in await zones.PublicZonesNamed(byName.Key, ct).ConfigureAwait(false))
            {
                var tags = await zones.Api.ListTagsForResourceAsync(zone.Id, ct).ConfigureAwait(false);
                // Whether destroy may delete it depends on the records others keep in it: read only for a zone a spec
                // allows to delete (the listing is shared with the record and certificate kinds of the same observation).
                var records = byName.Any(d => d.AllowReplacement) ? await zones.AllRecords(zone, ct).ConfigureAwait(false) : null;
                result.AddRange(byName.Select(d => Observed(d, zone, tags, records)).OfType<ObservedResource>());
            }
        }

        return result;
    }

    private ObservedResource? Observed(DesiredResource desired, HostedZone zone, IReadOnlyDictionary<string, string> tags, ZoneRecords? records)
    {
        if (!desired.Tags.TryGetValue(Ownership.EnvironmentTag, out var environment))
        {
            return null;
        }

        // The environment that created the zone owns its tags and repairs their drift. For the others (and for a zone
        // made outside the reconciler) the zone is only adopted: its tags are not theirs to change, so they are
        // reported as the spec has them and never show as drift.
        // A zone whose create answer was lost (or whose run died before tagging it) has no tags yet: its caller
        // reference, derived from environment and name, still says which environment created it.
        var creator = tags.GetValueOrDefault(Ownership.EnvironmentTag) ?? CreatorFromReference(zone.CallerReference, DnsNames.Normalize(zone.Name));
        var observedTags = tags.ToSortedMap();
        if (creator != environment)
        {
            observedTags = observedTags.SetItems(desired.Tags);
        }

        // A zone the policy keeps on destroy says so (the planner shows it kept, not as a deletion that would fail).
        var attributes = SortedMap<string>.CreateRange([KeyValuePair.Create(K.CreatedByAttribute, creator)]);
        if (desired.AllowReplacement && records is not null && KeptReason(environment, creator, records) is { } kept)
        {
            attributes = attributes.Add(ObservedResource.KeptAttribute, kept);
        }

        return new ObservedResource(
            Kind,
            desired.LogicalId,
            environment,
            zone.Id,
            SortedMap<FieldValue>.CreateRange([KeyValuePair.Create(K.Name, FieldValue.Of(DnsNames.Normalize(zone.Name)))]),
            observedTags,
            attributes);
    }

    /// <summary>
    /// Why <paramref name="environment"/>'s destroy keeps the zone even with <c>allowZoneDeletion</c>, or null when it may
    /// delete it: a zone is deleted only by the environment that created it, and only when it holds no record of another
    /// owner (or of none). Those records are named, at most <see cref="RecordsShown"/>, with how many more there are.
    /// </summary>
    internal static string? KeptReason(string environment, string creator, ZoneRecords records)
    {
        if (NotTheCreator(environment, creator) is { } notOurs)
        {
            return notOurs;
        }

        // An ownership TXT record is named with the record it speaks for, not on its own (unless that record is gone).
        var foreign = records.Sets
            .Where(s => !records.IsApexDefault(s) && records.OwnerOfSet(s)?.Environment != environment)
            .Where(s => !(s.Type == "TXT" && DnsOwner.OwnedName(s.Name) is { } owned && records.At(owned).Any()))
            .ToList();
        if (foreign.Count == 0)
        {
            return null;
        }

        var owners = foreign.Select(s => records.OwnerOfSet(s)?.Environment is { } e ? "environment " + e : "no owner").Distinct().Order(StringComparer.Ordinal);
        var shown = foreign.Take(RecordsShown).Select(s => $"{DnsNames.Normalize(s.Name)} {s.Type} ({records.OwnerOfSet(s)?.ToString() ?? "no owner"})");
        var more = foreign.Count > RecordsShown ? $", and {foreign.Count - RecordsShown} more" : string.Empty;
        return $"it still holds {foreign.Count} record(s) that environment {environment} does not own (owners: {string.Join(", ", owners)}): " +
               $"{string.Join(", ", shown)}{more}; it is deleted by a destroy once only this environment's records are left";
    }

    /// <summary>Why <paramref name="environment"/> may not delete a zone <paramref name="creator"/> created (empty: made outside the reconciler), or null.</summary>
    private static string? NotTheCreator(string environment, string creator) =>
        creator.Length == 0 ? $"it was not created by the reconciler (it has no {Ownership.EnvironmentTag} tag): it is never deleted; delete it by hand"
        : creator != environment ? $"it was created by environment {creator}: only that environment's destroy deletes it"
        : null;

    /// <summary>The caller reference a create of this provider sends: <c>reconciler:ENV:ZONE</c>, perhaps with <c>:SECONDS</c>.</summary>
    private static string Reference(string environment, string name) => $"reconciler:{environment}:{name}";

    /// <summary>The environment named by a caller reference of ours for <paramref name="name"/>, or empty.</summary>
    internal static string CreatorFromReference(string reference, string name)
    {
        var parts = reference.Split(':');
        return parts.Length >= 3 && parts[0] == "reconciler" && parts[2] == name && parts[1].Length > 0 ? parts[1] : string.Empty;
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var name = DnsNames.Normalize(desired.Get(K.Name));
        var environment = desired.Tags[Ownership.EnvironmentTag];

        // Derived from environment and zone: a create retried after a lost response is refused by Route53 as
        // HostedZoneAlreadyExists, and the zone it made is then found by name and adopted.
        var reference = Reference(environment, name);
        HostedZone zone;
        try
        {
            zone = (await Create(name, reference, ct).ConfigureAwait(false)).Zone;
        }
        catch (AwsCallException ex) when (ex.Error.Code == "HostedZoneAlreadyExists")
        {
            // Route53 refuses a reference it has seen: the zone it made is adopted when it is still there (found by its
            // reference). None: the reference was used by a zone since deleted (Route53 never reuses one).
            var existing = await zones.PublicZonesNamed(name, ct).ConfigureAwait(false);
            zone = existing.FirstOrDefault(z => z.CallerReference == reference)
                ?? (await Create(name, $"{reference}:{time.GetUtcNow().ToUnixTimeSeconds()}", ct).ConfigureAwait(false)).Zone;
        }

        await zones.Api.ChangeTagsForResourceAsync(new ChangeTagsForResourceRequest(zone.Id, desired.Tags.ToDictionary(StringComparer.Ordinal)), ct).ConfigureAwait(false);
        return new CreatedResource(zone.Id, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(K.CreatedByAttribute, environment)]));
    }

    private Task<HostedZoneDetails> Create(string name, string reference, CancellationToken ct) =>
        zones.Api.CreateHostedZoneAsync(new CreateHostedZoneRequest(name, reference[..Math.Min(reference.Length, 128)], "managed by reconciler"), ct);

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        // The name forces a replacement; only the creator's tags can differ (see Observed).
        var keys = changes.Where(c => c.Path.StartsWith("tags.", StringComparison.Ordinal)).Select(c => c.Path[5..]).ToList();
        if (keys.Count > 0)
        {
            var tags = keys.ToDictionary(k => k, k => desired.Tags[k], StringComparer.Ordinal);
            await zones.Api.ChangeTagsForResourceAsync(new ChangeTagsForResourceRequest(actual.AwsId, tags), ct).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        var creator = actual.Attributes.GetValueOrDefault(K.CreatedByAttribute) ?? string.Empty;
        if (NotTheCreator(actual.Environment, creator) is { } notOurs)
        {
            throw new InvalidOperationException($"hosted zone {actual.AwsId} is kept: {notOurs}");
        }

        ZoneRecords records;
        try
        {
            var zone = (await zones.Api.GetHostedZoneAsync(actual.AwsId, ct).ConfigureAwait(false)).Zone;
            records = await zones.AllRecords(zone, ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NoSuchHostedZone")
        {
            return;
        }

        // Another owner's records (or records nobody owns) keep the zone: it is shared, and they are not ours. The plan
        // normally says so already (KeptAttribute); this covers a record written since the observation.
        if (KeptReason(actual.Environment, creator, records) is { } kept)
        {
            throw new InvalidOperationException($"hosted zone {actual.AwsId} is kept: {kept}");
        }

        // This environment's own records go first (Route53 refuses to delete a zone holding more than SOA and NS).
        var ours = records.Sets.Where(s => !records.IsApexDefault(s)).Select(Route53Zones.Deletion).ToList();
        await zones.Delete(actual.AwsId, ours, ct).ConfigureAwait(false);
        try
        {
            await zones.Api.DeleteHostedZoneAsync(actual.AwsId, ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NoSuchHostedZone")
        {
        }
    }
}
