using Reconciler.Model.Graph;
using Reconciler.Aws.Tagging;
using Reconciler.Aws.Acm;
using Reconciler.Aws.Ecr;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Elbv2;
using Reconciler.Aws.Http;
using Reconciler.Aws.Logs;
using Reconciler.Aws.Rds;
using Reconciler.Aws.Route53;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Chaos;

/// <summary>
/// How many resources of each non-EC2 kind the account holds for one environment, read through each service's own
/// list API (not through the tags the observation uses, so that an untagged duplicate shows too).
/// </summary>
internal static class NamedResourceCounts
{
    /// <summary>Resource kind → how many live resources carry the environment's name (or the zone's / domain's).</summary>
    public static async Task<SortedDictionary<string, int>> CountAsync(EngineHarness h, string env, string zone, CancellationToken ct)
    {
        const string region = EngineHarness.Region;
        bool Ours(string? name) => name is not null && name.Contains(env, StringComparison.Ordinal);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);

        var ecr = new EcrApi(h.Aws.Json(AwsServices.Ecr, region));
        counts["ecr repository"] = (await ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest(), ct)).Count(r => Ours(r.RepositoryName));

        var logs = new CloudWatchLogsApi(h.Aws.Json(AwsServices.Logs, region));
        counts["log group"] = (await logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest(LogGroupNamePrefix: $"/ecs/{env}"), ct)).Count;

        var rds = new RdsApi(h.Aws.Query(AwsServices.Rds, region));
        counts["db instance"] = (await rds.DescribeDbInstancesAsync(null, ct)).Count(d => Ours(d.Identifier));
        counts["db subnet group"] = (await rds.DescribeDbSubnetGroupsAsync(ct)).Count(g => Ours(g.Name));

        var elbv2 = new ElasticLoadBalancingV2Api(h.Aws.Query(AwsServices.Elbv2, region));
        var balancers = (await elbv2.DescribeLoadBalancersAsync(ct)).Where(b => Ours(b.Name)).ToList();
        counts["load balancer"] = balancers.Count;
        counts["target group"] = (await elbv2.DescribeTargetGroupsAsync(ct)).Count(g => Ours(g.Name));
        var listeners = 0;
        foreach (var balancer in balancers)
        {
            listeners += (await elbv2.DescribeListenersAsync(balancer.Arn, ct)).Count;
        }

        counts["listener"] = listeners;

        // ECS has no list call in our client any more (observation reads the Tagging API): count what that lists.
        var tagging = new ResourceGroupsTaggingApi(h.Aws.Json(AwsServices.Tagging, region));
        var ecsTagged = await tagging.GetResourcesAsync(new GetResourcesRequest([new TagFilter(Ownership.EnvironmentTag, [env])], ["ecs:cluster", "ecs:service"]), ct);
        counts["ecs cluster"] = ecsTagged.Count(r => r.ResourceArn.Contains(":cluster/", StringComparison.Ordinal));
        var services = ecsTagged.Count(r => r.ResourceArn.Contains(":service/", StringComparison.Ordinal));
        counts["ecs service"] = services;

        var acm = new AcmApi(h.Aws.Json(AwsServices.Acm, region));
        counts["certificate"] = (await acm.ListCertificatesAsync(ct)).Count(c => Ours(c.DomainName));

        var route53 = new Route53Api(h.Aws.RestXml(AwsServices.Route53, region));
        var zones = (await route53.ListHostedZonesByNameAsync(zone, ct)).Where(z => z.Name.TrimEnd('.') == zone).ToList();
        counts["hosted zone"] = zones.Count;
        var records = new List<ResourceRecordSet>();
        foreach (var z in zones)
        {
            records.AddRange(await route53.ListResourceRecordSetsAsync(new ListResourceRecordSetsRequest(z.Id), ct));
        }

        counts["alias record"] = records.Count(r => r.Type == "A" && r.Alias is not null);

        var buckets = await h.Aws.S3(region).ListBucketsAsync(ct);
        counts["bucket"] = buckets.Buckets.Count(b => Ours(b.BucketName));
        return counts;
    }
}
