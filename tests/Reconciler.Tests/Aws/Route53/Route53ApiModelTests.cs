using System.Text.Json;
using Reconciler.Aws.Route53;
using Reconciler.Tests.Aws.Http;

namespace Reconciler.Tests.Aws.Route53;

/// <summary>Each Route53 operation Route53Api writes by hand, against botocore's model: method, URI, query keys, body and answer members.</summary>
public sealed class Route53ApiModelTests
{
    private static readonly BotocoreModel Model = BotocoreModel.Load("route53");

    [Theory]
    [InlineData("ListHostedZonesByName", "GET", "/2013-04-01/hostedzonesbyname")]
    [InlineData("ListHostedZones", "GET", "/2013-04-01/hostedzone")]
    [InlineData("GetHostedZone", "GET", "/2013-04-01/hostedzone/{Id}")]
    [InlineData("CreateHostedZone", "POST", "/2013-04-01/hostedzone")]
    [InlineData("DeleteHostedZone", "DELETE", "/2013-04-01/hostedzone/{Id}")]
    [InlineData("ChangeTagsForResource", "POST", "/2013-04-01/tags/{ResourceType}/{ResourceId}")]
    [InlineData("ListTagsForResource", "GET", "/2013-04-01/tags/{ResourceType}/{ResourceId}")]
    [InlineData("ListResourceRecordSets", "GET", "/2013-04-01/hostedzone/{Id}/rrset")]
    [InlineData("ChangeResourceRecordSets", "POST", "/2013-04-01/hostedzone/{Id}/rrset/")]
    public void Operation_Should_UseTheModelsMethodAndUri_When_Called(string operation, string method, string uri)
    {
        var http = Model.Operation(operation).GetProperty("http");

        Assert.Equal(method, http.GetProperty("method").GetString());
        Assert.Equal(uri, http.GetProperty("requestUri").GetString());
        Assert.StartsWith($"/{Route53Api.Version}/", uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ListHostedZonesByName", "DNSName", "querystring", "dnsname")]
    [InlineData("ListHostedZonesByName", "HostedZoneId", "querystring", "hostedzoneid")]
    [InlineData("ListHostedZonesByName", "MaxItems", "querystring", "maxitems")]
    [InlineData("ListHostedZones", "Marker", "querystring", "marker")]
    [InlineData("ListHostedZones", "MaxItems", "querystring", "maxitems")]
    [InlineData("GetHostedZone", "Id", "uri", "Id")]
    [InlineData("DeleteHostedZone", "Id", "uri", "Id")]
    [InlineData("ChangeTagsForResource", "ResourceType", "uri", "ResourceType")]
    [InlineData("ChangeTagsForResource", "ResourceId", "uri", "ResourceId")]
    [InlineData("ListTagsForResource", "ResourceType", "uri", "ResourceType")]
    [InlineData("ListTagsForResource", "ResourceId", "uri", "ResourceId")]
    [InlineData("ListResourceRecordSets", "HostedZoneId", "uri", "Id")]
    [InlineData("ListResourceRecordSets", "StartRecordName", "querystring", "name")]
    [InlineData("ListResourceRecordSets", "StartRecordType", "querystring", "type")]
    [InlineData("ListResourceRecordSets", "StartRecordIdentifier", "querystring", "identifier")]
    [InlineData("ListResourceRecordSets", "MaxItems", "querystring", "maxitems")]
    [InlineData("ChangeResourceRecordSets", "HostedZoneId", "uri", "Id")]
    public void Member_Should_SitWhereRoute53ApiPutsIt_When_Sent(string operation, string member, string location, string name)
    {
        Assert.Equal(location, Model.Location(operation, member));
        Assert.Equal(name, Model.LocationName(operation, member));
    }

    [Theory]
    [InlineData("CreateHostedZone", "CreateHostedZoneRequest", "Name", "CallerReference", "HostedZoneConfig.Comment", "HostedZoneConfig.PrivateZone")]
    [InlineData("ChangeTagsForResource", "ChangeTagsForResourceRequest", "AddTags.Key", "AddTags.Value")]
    [InlineData("ChangeResourceRecordSets", "ChangeResourceRecordSetsRequest",
        "ChangeBatch.Changes.Action", "ChangeBatch.Changes.ResourceRecordSet.Name", "ChangeBatch.Changes.ResourceRecordSet.Type",
        "ChangeBatch.Changes.ResourceRecordSet.SetIdentifier", "ChangeBatch.Changes.ResourceRecordSet.TTL",
        "ChangeBatch.Changes.ResourceRecordSet.ResourceRecords.Value", "ChangeBatch.Changes.ResourceRecordSet.AliasTarget.HostedZoneId",
        "ChangeBatch.Changes.ResourceRecordSet.AliasTarget.DNSName", "ChangeBatch.Changes.ResourceRecordSet.AliasTarget.EvaluateTargetHealth")]
    public void Body_Should_UseTheModelsElementNames_When_Sent(string operation, string root, params string[] members)
    {
        Assert.Equal(root, Model.Operation(operation).GetProperty("input").GetProperty("locationName").GetString());
        Assert.Equal("https://route53.amazonaws.com/doc/2013-04-01/", Model.Operation(operation).GetProperty("input").GetProperty("xmlNamespace").GetProperty("uri").GetString());
        Model.AssertInput(operation, members);
    }

    [Theory]
    [InlineData("ChangeTagsForResourceRequest", "AddTags", "Tag")]
    [InlineData("ChangeBatch", "Changes", "Change")]
    [InlineData("ResourceRecordSet", "ResourceRecords", "ResourceRecord")]
    [InlineData("ListHostedZonesByNameResponse", "HostedZones", "HostedZone")]
    [InlineData("ListHostedZonesResponse", "HostedZones", "HostedZone")]
    [InlineData("DelegationSet", "NameServers", "NameServer")]
    [InlineData("ListResourceRecordSetsResponse", "ResourceRecordSets", "ResourceRecordSet")]
    [InlineData("ResourceTagSet", "Tags", "Tag")]
    public void ListItems_Should_BeNamedAsTheModelSays_When_WrittenOrRead(string shape, string list, string item)
    {
        var listShape = Model.Shape(Model.Shape(shape).GetProperty("members").GetProperty(list).GetProperty("shape").GetString()!);

        Assert.Equal(item, listShape.GetProperty("member").GetProperty("locationName").GetString());
    }

    [Theory]
    [InlineData("ListHostedZonesByName", "HostedZones.Id", "HostedZones.Name", "HostedZones.CallerReference", "HostedZones.Config.PrivateZone", "IsTruncated", "NextDNSName", "NextHostedZoneId")]
    [InlineData("ListHostedZones", "HostedZones.Id", "HostedZones.Name", "HostedZones.CallerReference", "HostedZones.Config.PrivateZone", "IsTruncated", "NextMarker")]
    [InlineData("GetHostedZone", "HostedZone.Id", "HostedZone.Name", "DelegationSet.NameServers")]
    [InlineData("CreateHostedZone", "HostedZone.Id", "HostedZone.Name", "DelegationSet.NameServers")]
    [InlineData("ListTagsForResource", "ResourceTagSet.Tags.Key", "ResourceTagSet.Tags.Value")]
    [InlineData("ListResourceRecordSets", "ResourceRecordSets.Name", "ResourceRecordSets.Type", "ResourceRecordSets.TTL", "ResourceRecordSets.SetIdentifier",
        "ResourceRecordSets.ResourceRecords.Value", "ResourceRecordSets.AliasTarget.HostedZoneId", "ResourceRecordSets.AliasTarget.DNSName",
        "ResourceRecordSets.AliasTarget.EvaluateTargetHealth", "IsTruncated", "NextRecordName", "NextRecordType", "NextRecordIdentifier")]
    [InlineData("ChangeResourceRecordSets", "ChangeInfo.Id")]
    public void Answer_Should_HoldTheMembersRoute53ApiReads_When_Parsed(string operation, params string[] members) =>
        Model.AssertOutput(operation, members);

    [Fact]
    public void Service_Should_BeRestXmlSignedAsRoute53_When_Described()
    {
        Assert.Equal("rest-xml", Model.Metadata.GetProperty("protocol").GetString());
        Assert.Equal(Route53Api.Version, Model.Metadata.GetProperty("apiVersion").GetString());
        Assert.Equal(JsonValueKind.String, Model.Metadata.GetProperty("signatureVersion").ValueKind);
    }
}
