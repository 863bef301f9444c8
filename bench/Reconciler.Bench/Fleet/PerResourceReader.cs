using System.Xml.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Aws;
using Reconciler.Aws.Acm;
using Reconciler.Aws.Ecr;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Elbv2;
using Reconciler.Aws.Http;
using Reconciler.Aws.Iam;
using Reconciler.Aws.Logs;
using Reconciler.Aws.Rds;
using Reconciler.Aws.Route53;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Bench.Fleet;

/// <summary>
/// The baseline, as Terraform's refresh reads: for every resource, one Describe of that resource by its id (from the
/// "state": here a previous observation), plus a tag read where that Describe returns no tags. One small function per
/// kind, through the project's own clients and call runner, so AwsCallMetrics counts these calls like the engine's.
/// This understates Terraform, which also reads attributes (DescribeVpcAttribute, bucket versioning...) per resource.
/// </summary>
internal sealed class PerResourceReader
{
    private readonly AwsCallRunner _runner;
    private readonly AmazonEC2Client _ec2;
    private readonly AmazonS3Client _s3;
    private readonly IamApi _iam;
    private readonly Route53Api _route53;
    private readonly AcmApi _acm;
    private readonly CloudWatchLogsApi _logs;
    private readonly EcrApi _ecr;
    private readonly EcsApi _ecs;
    private readonly RdsApi _rds;
    private readonly QueryProtocolClient _rdsQuery;
    private readonly ElasticLoadBalancingV2Api _elb;
    private readonly QueryProtocolClient _elbQuery;
    private readonly Dictionary<ResourceKind, Func<ObservedResource, CancellationToken, Task>> _readers;

    public PerResourceReader(AwsComposition aws, AwsClientFactory sdk, string region)
    {
        _runner = aws.Runner;
        _ec2 = sdk.Ec2(region);
        _s3 = sdk.S3(region);
        _iam = new IamApi(aws.Query(AwsServices.Iam, region));
        _route53 = new Route53Api(aws.RestXml(AwsServices.Route53, region));
        _acm = new AcmApi(aws.Json(AwsServices.Acm, region));
        _logs = new CloudWatchLogsApi(aws.Json(AwsServices.Logs, region));
        _ecr = new EcrApi(aws.Json(AwsServices.Ecr, region));
        _ecs = new EcsApi(aws.Json(AwsServices.Ecs, region));
        _rdsQuery = aws.Query(AwsServices.Rds, region);
        _rds = new RdsApi(_rdsQuery);
        _elbQuery = aws.Query(AwsServices.Elbv2, region);
        _elb = new ElasticLoadBalancingV2Api(_elbQuery);
        _readers = new Dictionary<ResourceKind, Func<ObservedResource, CancellationToken, Task>>
        {
            [ResourceKinds.Vpc] = (r, ct) => Ec2("DescribeVpcs", c => _ec2.DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [r.AwsId] }, c), ct),
            [ResourceKinds.Subnet] = (r, ct) => Ec2("DescribeSubnets", c => _ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = [r.AwsId] }, c), ct),
            [ResourceKinds.InternetGateway] = (r, ct) => Ec2("DescribeInternetGateways", c => _ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest { InternetGatewayIds = [r.AwsId] }, c), ct),
            [ResourceKinds.ElasticIp] = (r, ct) => Ec2("DescribeAddresses", c => _ec2.DescribeAddressesAsync(new DescribeAddressesRequest { AllocationIds = [r.AwsId] }, c), ct),
            [ResourceKinds.NatGateway] = (r, ct) => Ec2("DescribeNatGateways", c => _ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { NatGatewayIds = [r.AwsId] }, c), ct),
            [ResourceKinds.RouteTable] = (r, ct) => Ec2("DescribeRouteTables", c => _ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { RouteTableIds = [r.AwsId] }, c), ct),
            [ResourceKinds.SecurityGroup] = (r, ct) => Ec2("DescribeSecurityGroups", c => _ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [r.AwsId] }, c), ct),
            [ResourceKinds.Instance] = (r, ct) => Ec2("DescribeInstances", c => _ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [r.AwsId] }, c), ct),
            [ResourceKinds.IamRole] = (r, ct) => _iam.GetRoleAsync(new GetRoleRequest(r.AwsId), ct),
            [ResourceKinds.ExecutionRole] = (r, ct) => _iam.GetRoleAsync(new GetRoleRequest(r.AwsId), ct),
            [ResourceKinds.InstanceProfile] = (r, ct) => _iam.GetInstanceProfileAsync(new GetInstanceProfileRequest(r.AwsId), ct),
            // The role policy's id is ROLE/POLICY (RolePolicyProvider); a role name has no '/'.
            [ResourceKinds.RolePolicy] = (r, ct) => _iam.GetRolePolicyAsync(new GetRolePolicyRequest(r.AwsId[..r.AwsId.IndexOf('/', StringComparison.Ordinal)], r.AwsId[(r.AwsId.IndexOf('/', StringComparison.Ordinal) + 1)..]), ct),
            [ResourceKinds.HostedZone] = HostedZone,
            [ResourceKinds.DnsRecord] = (r, ct) => _route53.ListResourceRecordSetsAsync(new ListResourceRecordSetsRequest(r.Item<HostedZoneRef>(DnsRecordKind.Zone)!.Id, r.Get(DnsRecordKind.Name), r.Get(DnsRecordKind.Type), MaxItems: 1), ct),
            [ResourceKinds.Certificate] = Certificate,
            [ResourceKinds.LogGroup] = LogGroup,
            [ResourceKinds.EcrRepository] = Repository,
            [ResourceKinds.Bucket] = Bucket,
            [ResourceKinds.EcsCluster] = (r, ct) => _ecs.DescribeClustersAsync([r.AwsId], ct),
            [ResourceKinds.TaskDefinition] = (r, ct) => _ecs.DescribeTaskDefinitionAsync(r.AwsId, ct),
            [ResourceKinds.EcsService] = (r, ct) => _ecs.DescribeServicesAsync(r.Get("cluster")!, [r.AwsId], ct),
            [ResourceKinds.DbInstance] = (r, ct) => _rds.DescribeDbInstancesAsync(r.AwsId, ct),
            [ResourceKinds.DbSubnetGroup] = SubnetGroup,
            [ResourceKinds.TargetGroup] = (r, ct) => Elbv2("DescribeTargetGroups", "TargetGroupArns", r, ct),
            [ResourceKinds.LoadBalancer] = (r, ct) => Elbv2("DescribeLoadBalancers", "LoadBalancerArns", r, ct),
            [ResourceKinds.Listener] = (r, ct) => Elbv2("DescribeListeners", "ListenerArns", r, ct),
        };
    }

    /// <summary>Reads every resource of one environment, one after another; returns how many it read.</summary>
    public async Task<int> ReadAllAsync(IEnumerable<ObservedResource> resources, CancellationToken ct)
    {
        var read = 0;
        foreach (var resource in resources)
        {
            var reader = _readers.GetValueOrDefault(resource.Kind) ?? throw new InvalidOperationException($"no per-resource read for {resource.Kind}");
            await reader(resource, ct).ConfigureAwait(false);
            read++;
        }

        return read;
    }

    private Task Ec2<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        _runner.RunAsync("ec2", operation, CallPurpose.Read, call, ct);

    private async Task HostedZone(ObservedResource r, CancellationToken ct)
    {
        await _route53.GetHostedZoneAsync(r.AwsId, ct).ConfigureAwait(false);
        await _route53.ListTagsForResourceAsync(r.AwsId, ct).ConfigureAwait(false);
    }

    private async Task Certificate(ObservedResource r, CancellationToken ct)
    {
        await _acm.DescribeCertificateAsync(new CertificateArnRequest(r.AwsId), ct).ConfigureAwait(false);
        await _acm.ListTagsForCertificateAsync(new CertificateArnRequest(r.AwsId), ct).ConfigureAwait(false);
    }

    private async Task LogGroup(ObservedResource r, CancellationToken ct)
    {
        var groups = await _logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest(LogGroupIdentifiers: [r.AwsId]), ct).ConfigureAwait(false);
        var arn = groups.FirstOrDefault(g => g.LogGroupName == r.AwsId)?.LogGroupArn ?? throw new InvalidOperationException($"log group {r.AwsId} not found");
        await _logs.ListTagsForResourceAsync(new Reconciler.Aws.Logs.ListTagsForResourceRequest(arn), ct).ConfigureAwait(false);
    }

    private async Task Repository(ObservedResource r, CancellationToken ct)
    {
        var found = await _ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest(RepositoryNames: [r.AwsId]), ct).ConfigureAwait(false);
        await _ecr.ListTagsForResourceAsync(new Reconciler.Aws.Ecr.ListTagsForResourceRequest(found.Single().RepositoryArn), ct).ConfigureAwait(false);
    }

    private async Task Bucket(ObservedResource r, CancellationToken ct)
    {
        await _runner.RunAsync("s3", "GetBucketLocation", CallPurpose.Read, c => _s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = r.AwsId }, c), ct).ConfigureAwait(false);
        await _runner.RunAsync("s3", "GetBucketTagging", CallPurpose.Read, c => _s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = r.AwsId }, c), ct).ConfigureAwait(false);
    }

    private async Task SubnetGroup(ObservedResource r, CancellationToken ct)
    {
        var answer = await _rdsQuery.CallAsync("DescribeDBSubnetGroups", new QueryParams().Add("DBSubnetGroupName", r.AwsId), CallPurpose.Read, ct).ConfigureAwait(false);
        var arn = FirstText(answer, "DBSubnetGroupArn") ?? throw new InvalidOperationException($"subnet group {r.AwsId} has no ARN");
        await _rds.ListTagsForResourceAsync(arn, ct).ConfigureAwait(false);
    }

    private async Task Elbv2(string operation, string arnList, ObservedResource r, CancellationToken ct)
    {
        await _elbQuery.CallAsync(operation, new QueryParams().List(arnList, [r.AwsId]), CallPurpose.Read, ct).ConfigureAwait(false);
        await _elb.DescribeTagsAsync([r.AwsId], ct).ConfigureAwait(false);
    }

    private static string? FirstText(XElement answer, string name) =>
        answer.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
