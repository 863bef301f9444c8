using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Aws.Http;

/// <summary>Each protocol client against moto_server: a good call, and an error parsed into code, status and kind.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ProtocolClientsTests : IDisposable
{
    private const string Region = "ap-northeast-1";
    private readonly HttpClient _http = new();
    private readonly AwsCallMetrics _metrics = new();
    private readonly SignedTransport _transport;
    private readonly AwsCallRunner _runner;

    public ProtocolClientsTests()
    {
        _transport = new SignedTransport(_http);
        _runner = new AwsCallRunner(_metrics, NullLogger<AwsCallRunner>.Instance, TimeProvider.System, new RetryOptions(BaseDelay: TimeSpan.FromMilliseconds(1), MaxDelay: TimeSpan.FromMilliseconds(2)));
    }

    public void Dispose() => _http.Dispose();

    private sealed record ListClusters([property: JsonPropertyName("clusterArns")] List<string>? ClusterArns);

    private sealed record DescribeServicesRequest([property: JsonPropertyName("cluster")] string Cluster, [property: JsonPropertyName("services")] List<string> Services);

    [Fact]
    public async Task Json_Should_CallAndParseErrors_When_TalkingToEcs()
    {
        var ecs = new JsonProtocolClient(AwsServices.Ecs, Region, _transport, _runner);

        var list = await ecs.CallAsync<object, ListClusters>("ListClusters", new { }, CallPurpose.Read, CancellationToken.None);
        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            ecs.CallAsync<DescribeServicesRequest, object>("DescribeServices", new("no-such-cluster", ["x"]), CallPurpose.Read, CancellationToken.None));

        Assert.NotNull(list.ClusterArns);
        Assert.Equal("ClusterNotFoundException", error.Error.Code);
        Assert.Equal(AwsErrorKind.NotFound, error.Error.Kind);
        Assert.Equal(HttpStatusCode.BadRequest, error.Error.Status);
        Assert.Equal(1, _metrics.Snapshot()[("ecs", "ListClusters", "ok")]);
    }

    [Fact]
    public async Task Query_Should_CallAndParseErrors_When_TalkingToIamElbv2AndRds()
    {
        var iam = new QueryProtocolClient(AwsServices.Iam, Region, _transport, _runner);
        var elb = new QueryProtocolClient(AwsServices.Elbv2, Region, _transport, _runner);
        var rds = new QueryProtocolClient(AwsServices.Rds, Region, _transport, _runner);

        var roles = await iam.CallAsync("ListRoles", new QueryParams(), CallPurpose.Read, CancellationToken.None);
        var lbs = await elb.CallAsync("DescribeLoadBalancers", new QueryParams(), CallPurpose.Read, CancellationToken.None);
        var dbs = await rds.CallAsync("DescribeDBInstances", new QueryParams(), CallPurpose.Read, CancellationToken.None);
        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            iam.CallAsync("GetRole", new QueryParams().Add("RoleName", "no-such-role"), CallPurpose.Read, CancellationToken.None));

        Assert.Equal("ListRolesResult", roles.Name.LocalName);
        Assert.NotNull(roles.Element("Roles"));
        Assert.Equal("DescribeLoadBalancersResult", lbs.Name.LocalName);
        Assert.Equal("DescribeDBInstancesResult", dbs.Name.LocalName);
        Assert.Equal("NoSuchEntity", error.Error.Code);
        Assert.Equal(AwsErrorKind.NotFound, error.Error.Kind);
    }

    [Fact]
    public async Task RestXml_Should_CallAndParseErrors_When_TalkingToRoute53()
    {
        var route53 = new RestXmlProtocolClient(AwsServices.Route53, Region, _transport, _runner);

        var zones = await route53.CallAsync("ListHostedZones", "GET", "/2013-04-01/hostedzone", null, null, CallPurpose.Read, CancellationToken.None);
        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            route53.CallAsync("GetHostedZone", "GET", "/2013-04-01/hostedzone/ZNOSUCHZONE", null, null, CallPurpose.Read, CancellationToken.None));

        Assert.Equal("ListHostedZonesResponse", zones!.Name.LocalName);
        Assert.Equal("NoSuchHostedZone", error.Error.Code);
        Assert.Equal(AwsErrorKind.NotFound, error.Error.Kind);
    }
}
