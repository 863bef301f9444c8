using System.Globalization;
using System.Xml.Linq;
using Reconciler.Aws.Http;

namespace Reconciler.Aws.Route53;

/// <summary>
/// Route53 over REST-XML (checked against botocore's model in Route53ApiModelTests): request bodies in the 2013-04-01
/// namespace, answers read without namespaces. Paging is handled here.
/// </summary>
internal sealed class Route53Api(RestXmlProtocolClient client) : IRoute53Api
{
    public const string Version = "2013-04-01";
    private static readonly XNamespace Ns = $"https://route53.amazonaws.com/doc/{Version}/";
    private const string ZonePrefix = "/hostedzone/";

    /// <summary>A zone id without its "/hostedzone/" prefix, as the reconciler uses it for AwsId and in URIs.</summary>
    public static string BareZoneId(string id) => id.StartsWith(ZonePrefix, StringComparison.Ordinal) ? id[ZonePrefix.Length..] : id;

    public async Task<IReadOnlyList<HostedZone>> ListHostedZonesByNameAsync(string dnsName, CancellationToken ct)
    {
        // The listing is ordered by name and starts at dnsName: read pages while they still hold that name.
        var wanted = Fqdn(dnsName);
        var result = new List<HostedZone>();
        string? nextName = wanted;
        string? nextId = null;
        while (nextName is not null)
        {
            var query = new Dictionary<string, string> { ["dnsname"] = nextName, ["maxitems"] = "100" };
            if (nextId is not null)
            {
                query["hostedzoneid"] = nextId;
            }

            var page = await Call("ListHostedZonesByName", "GET", $"/{Version}/hostedzonesbyname", query, null, CallPurpose.Read, ct).ConfigureAwait(false);
            var zones = page.Items("HostedZones").Select(Zone).ToList();
            result.AddRange(zones.Where(z => string.Equals(z.Name, wanted, StringComparison.OrdinalIgnoreCase)));
            var truncated = page.Text("IsTruncated") == "true";
            var morePagesMayMatch = zones.Count > 0 && string.Equals(zones[^1].Name, wanted, StringComparison.OrdinalIgnoreCase);
            (nextName, nextId) = truncated && morePagesMayMatch ? (page.Text("NextDNSName"), page.Text("NextHostedZoneId")) : (null, null);
        }

        return result;
    }

    public async Task<IReadOnlyList<HostedZone>> ListHostedZonesAsync(CancellationToken ct)
    {
        // ListHostedZones pages with marker/NextMarker while IsTruncated is true (Route53 API reference, ListHostedZones:
        // "specify the value of NextMarker from the previous response").
        var result = new List<HostedZone>();
        string? marker = null;
        do
        {
            var query = new Dictionary<string, string> { ["maxitems"] = "100" };
            Put(query, "marker", marker);
            var page = await Call("ListHostedZones", "GET", $"/{Version}/hostedzone", query, null, CallPurpose.Read, ct).ConfigureAwait(false);
            result.AddRange(page.Items("HostedZones").Select(Zone));
            marker = page.Text("IsTruncated") == "true" ? page.Text("NextMarker") : null;
        }
        while (marker is not null);

        return result;
    }

    public async Task<HostedZoneDetails> GetHostedZoneAsync(string zoneId, CancellationToken ct)
    {
        var answer = await Call("GetHostedZone", "GET", $"/{Version}/hostedzone/{BareZoneId(zoneId)}", null, null, CallPurpose.Read, ct).ConfigureAwait(false);
        return Details(answer);
    }

    public async Task<HostedZoneDetails> CreateHostedZoneAsync(CreateHostedZoneRequest request, CancellationToken ct)
    {
        var body = new XElement(Ns + "CreateHostedZoneRequest",
            new XElement(Ns + "Name", request.Name),
            new XElement(Ns + "CallerReference", request.CallerReference),
            new XElement(Ns + "HostedZoneConfig",
                new XElement(Ns + "Comment", request.Comment),
                new XElement(Ns + "PrivateZone", "false")));
        // Create: a lost answer is not resent (an endpoint may ignore the caller reference, as moto_server does, and make
        // a second zone); the next pass finds the zone by name and knows it by its caller reference.
        var answer = await Call("CreateHostedZone", "POST", $"/{Version}/hostedzone", null, body, CallPurpose.Create, ct).ConfigureAwait(false);
        return Details(answer);
    }

    public Task DeleteHostedZoneAsync(string zoneId, CancellationToken ct) =>
        Call("DeleteHostedZone", "DELETE", $"/{Version}/hostedzone/{BareZoneId(zoneId)}", null, null, CallPurpose.Delete, ct);

    public async Task ChangeTagsForResourceAsync(ChangeTagsForResourceRequest request, CancellationToken ct)
    {
        foreach (var chunk in request.AddTags.Chunk(10))
        {
            var body = new XElement(Ns + "ChangeTagsForResourceRequest",
                new XElement(Ns + "AddTags", chunk.Select(t => new XElement(Ns + "Tag", new XElement(Ns + "Key", t.Key), new XElement(Ns + "Value", t.Value)))));
            await Call("ChangeTagsForResource", "POST", $"/{Version}/tags/hostedzone/{BareZoneId(request.ZoneId)}", null, body, CallPurpose.Mutate, ct).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string zoneId, CancellationToken ct)
    {
        var answer = await Call("ListTagsForResource", "GET", $"/{Version}/tags/hostedzone/{BareZoneId(zoneId)}", null, null, CallPurpose.Read, ct).ConfigureAwait(false);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in answer.Element("ResourceTagSet")?.Items("Tags") ?? [])
        {
            tags[tag.Text("Key") ?? string.Empty] = tag.Text("Value") ?? string.Empty;
        }

        return tags;
    }

    public async Task<IReadOnlyList<ResourceRecordSet>> ListResourceRecordSetsAsync(ListResourceRecordSetsRequest request, CancellationToken ct)
    {
        var result = new List<ResourceRecordSet>();
        var (name, type, identifier) = (request.StartRecordName, request.StartRecordType, (string?)null);
        while (true)
        {
            var query = new Dictionary<string, string>();
            Put(query, "name", name);
            Put(query, "type", type);
            Put(query, "identifier", identifier);
            Put(query, "maxitems", request.MaxItems?.ToString(CultureInfo.InvariantCulture));
            var page = await Call("ListResourceRecordSets", "GET", $"/{Version}/hostedzone/{BareZoneId(request.ZoneId)}/rrset", query, null, CallPurpose.Read, ct).ConfigureAwait(false);
            result.AddRange(page.Items("ResourceRecordSets").Select(RecordSet));
            if (request.MaxItems is not null || page.Text("IsTruncated") != "true")
            {
                return result;
            }

            (name, type, identifier) = (page.Text("NextRecordName"), page.Text("NextRecordType"), page.Text("NextRecordIdentifier"));
        }
    }

    public async Task<string> ChangeResourceRecordSetsAsync(string zoneId, IReadOnlyList<RecordChange> changes, CancellationToken ct)
    {
        var body = new XElement(Ns + "ChangeResourceRecordSetsRequest",
            new XElement(Ns + "ChangeBatch",
                new XElement(Ns + "Changes", changes.Select(c => new XElement(Ns + "Change",
                    new XElement(Ns + "Action", c.Action),
                    RecordSetXml(c.RecordSet))))));
        var answer = await Call("ChangeResourceRecordSets", "POST", $"/{Version}/hostedzone/{BareZoneId(zoneId)}/rrset/", null, body, CallPurpose.Mutate, ct).ConfigureAwait(false);
        return answer.Element("ChangeInfo")?.Text("Id") ?? string.Empty;
    }

    /// <summary>Route53 names are absolute: "example.com" and "example.com." are the same zone.</summary>
    public static string Fqdn(string name) => name.EndsWith('.') ? name : name + ".";

    private async Task<XElement> Call(string operation, string method, string path, IReadOnlyDictionary<string, string>? query, XElement? body, CallPurpose purpose, CancellationToken ct) =>
        await client.CallAsync(operation, method, path, query, body, purpose, ct).ConfigureAwait(false) ?? new XElement(operation + "Response");

    private static void Put(Dictionary<string, string> query, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query[key] = value;
        }
    }

    private static HostedZone Zone(XElement e) => new(
        BareZoneId(e.Text("Id") ?? string.Empty),
        e.Text("Name") ?? string.Empty,
        e.Text("CallerReference") ?? string.Empty,
        e.Element("Config")?.Text("PrivateZone") == "true");

    private static HostedZoneDetails Details(XElement answer) => new(
        Zone(answer.Element("HostedZone") ?? new XElement("HostedZone")),
        answer.Element("DelegationSet")?.Items("NameServers").Select(n => n.Value).ToList() ?? []);

    private static ResourceRecordSet RecordSet(XElement e)
    {
        var alias = e.Element("AliasTarget") is { } a
            ? new AliasTarget(a.Text("HostedZoneId") ?? string.Empty, a.Text("DNSName") ?? string.Empty, a.Text("EvaluateTargetHealth") == "true")
            : null;
        var ttl = long.TryParse(e.Text("TTL"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : (long?)null;
        return new ResourceRecordSet(
            e.Text("Name") ?? string.Empty,
            e.Text("Type") ?? string.Empty,
            ttl,
            e.Items("ResourceRecords").Select(r => r.Text("Value") ?? string.Empty).ToList(),
            alias,
            e.Text("SetIdentifier"));
    }

    private static XElement RecordSetXml(ResourceRecordSet set)
    {
        var xml = new XElement(Ns + "ResourceRecordSet", new XElement(Ns + "Name", set.Name), new XElement(Ns + "Type", set.Type));
        if (set.SetIdentifier is { } identifier)
        {
            xml.Add(new XElement(Ns + "SetIdentifier", identifier));
        }

        if (set.Alias is { } alias)
        {
            xml.Add(new XElement(Ns + "AliasTarget",
                new XElement(Ns + "HostedZoneId", alias.HostedZoneId),
                new XElement(Ns + "DNSName", alias.DnsName),
                new XElement(Ns + "EvaluateTargetHealth", alias.EvaluateTargetHealth ? "true" : "false")));
        }
        else
        {
            xml.Add(new XElement(Ns + "TTL", (set.Ttl ?? 300).ToString(CultureInfo.InvariantCulture)));
            xml.Add(new XElement(Ns + "ResourceRecords", set.Values.Select(v => new XElement(Ns + "ResourceRecord", new XElement(Ns + "Value", v)))));
        }

        return xml;
    }
}
