using Reconciler.Aws.Route53;

namespace Reconciler.Providers.Dns;

/// <summary>Record sets of one zone (all of them, or a window around some names), with their owners read from the ownership TXT records.</summary>
internal sealed class ZoneRecords(HostedZone zone, IReadOnlyList<ResourceRecordSet> sets)
{
    private readonly Dictionary<string, DnsOwner?> _owners = sets
        .Where(s => s.Type == "TXT" && DnsOwner.OwnedName(s.Name) is not null)
        .GroupBy(s => DnsOwner.OwnedName(s.Name)!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.SelectMany(s => s.Values).Select(DnsOwner.Parse).FirstOrDefault(o => o is not null), StringComparer.Ordinal);

    public HostedZone Zone => zone;

    public IReadOnlyList<ResourceRecordSet> Sets => sets;

    /// <summary>The owner of the records at <paramref name="name"/>; null when no ownership record names one.</summary>
    public DnsOwner? OwnerOf(string name) => _owners.GetValueOrDefault(DnsNames.Normalize(name));

    /// <summary>The owner of a record set: an ownership TXT record belongs to the owner it names.</summary>
    public DnsOwner? OwnerOfSet(ResourceRecordSet set) =>
        set.Type == "TXT" && DnsOwner.OwnedName(set.Name) is { } owned ? OwnerOf(owned) : OwnerOf(set.Name);

    /// <summary>Record sets at <paramref name="name"/> (ownership records excluded).</summary>
    public IEnumerable<ResourceRecordSet> At(string name, string? type = null) =>
        sets.Where(s => DnsNames.Same(s.Name, name) && (type is null || s.Type == type));

    /// <summary>Names whose ownership record names one of <paramref name="environments"/> and a logical id of <paramref name="kindPrefix"/>.</summary>
    public IEnumerable<(string Name, DnsOwner Owner)> OwnedBy(IReadOnlyCollection<string> environments, string kindPrefix) =>
        _owners.Where(o => o.Value is { } owner && environments.Contains(owner.Environment) && owner.LogicalId.StartsWith(kindPrefix, StringComparison.Ordinal))
            .Select(o => (o.Key, o.Value!));

    /// <summary>Whether the zone apex's SOA or NS: records every zone has and that go with it.</summary>
    public bool IsApexDefault(ResourceRecordSet set) => set.Type is "SOA" or "NS" && DnsNames.Same(set.Name, zone.Name);
}
