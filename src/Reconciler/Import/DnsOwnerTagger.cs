using Reconciler.Aws.Route53;
using Reconciler.Model.Graph;
using Reconciler.Providers.Dns;

namespace Reconciler.Import;

/// <summary>
/// Route53 records cannot be tagged: a record is ours through its owner TXT record (<see cref="DnsOwner"/>), which the
/// dns-record provider reads. Its current "tags" are the owner that record names, and adoption writes that record with
/// CREATE: a batch is validated whole and a CREATE of a record set that exists fails it (InvalidChangeBatch;
/// https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html, "Change Batches and
/// Transactional Changes"), so an owner record that appeared meanwhile is never overwritten. The AWS id is <c>ZONE_ID/NAME/TYPE</c>.
/// </summary>
internal sealed class DnsOwnerTagger(Route53Zones zones) : IAdoptionTagger
{
    public async Task<TagState?> ReadAsync(string kind, string awsId, CancellationToken ct)
    {
        var (zoneId, name, type) = Parse(awsId);
        var around = await zones.RecordsAround(zoneId, name, ct).ConfigureAwait(false);
        if (!around.At(name, type).Any())
        {
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (around.OwnerOf(name) is { } owner)
        {
            tags[Ownership.EnvironmentTag] = owner.Environment;
            tags[Ownership.LogicalIdTag] = owner.LogicalId;
        }

        return new TagState(awsId, tags);
    }

    public async Task WriteAsync(string kind, TagState current, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        var (zoneId, name, _) = Parse(current.WriteId);
        var owner = new DnsOwner(tags[Ownership.EnvironmentTag], tags[Ownership.LogicalIdTag]);
        var record = new ResourceRecordSet(DnsOwner.RecordNameFor(name), "TXT", Route53Zones.Ttl, [owner.TxtValue], null);
        await zones.Api.ChangeResourceRecordSetsAsync(zoneId, [RecordChange.Create(record)], ct).ConfigureAwait(false);
    }

    /// <summary>The zone id (which may itself hold slashes: <c>/hostedzone/Z1</c>), record name and type of an AWS id.</summary>
    private static (string ZoneId, string Name, string Type) Parse(string awsId)
    {
        var typeAt = awsId.LastIndexOf('/');
        var nameAt = typeAt > 0 ? awsId.LastIndexOf('/', typeAt - 1) : -1;
        if (nameAt <= 0)
        {
            throw new ArgumentException($"'{awsId}' is not a record's AWS id (ZONE_ID/NAME/TYPE)", nameof(awsId));
        }

        return (awsId[..nameAt], awsId[(nameAt + 1)..typeAt], awsId[(typeAt + 1)..]);
    }
}
