using Amazon.EC2.Model;
using PutBucketTaggingRequest = Amazon.S3.Model.PutBucketTaggingRequest;
using Reconciler.Aws.Ecr;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Elbv2;
using Reconciler.Aws.Http;
using Reconciler.Aws.Logs;
using Reconciler.Aws.Rds;
using Reconciler.Aws.Route53;
using Reconciler.Import;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Dns;
using Reconciler.Tests.Integration;
using Ec2Tag = Amazon.EC2.Model.Tag;
using S3Tag = Amazon.S3.Model.Tag;

namespace Reconciler.Tests.Import;

/// <summary>
/// Adoption against moto_server: resources built by hand with plain API calls, untagged, are handed to an environment
/// with the two ownership tags only, after which the providers observe them as the environment's; a resource another
/// environment owns is refused and left as it was.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AdoptionTests : IDisposable
{
    private const string Region = EngineHarness.Region;
    private readonly EngineHarness _h = new();
    private readonly Adoption _adoption;
    private readonly EcsApi _ecs;
    private readonly ElasticLoadBalancingV2Api _elb;
    private readonly CloudWatchLogsApi _logs;

    public AdoptionTests()
    {
        _adoption = new Adoption(_h.Aws, TimeProvider.System);
        _ecs = new EcsApi(_h.Aws.Json(AwsServices.Ecs, Region));
        _elb = new ElasticLoadBalancingV2Api(_h.Aws.Query(AwsServices.Elbv2, Region));
        _logs = new CloudWatchLogsApi(_h.Aws.Json(AwsServices.Logs, Region));
    }

    public void Dispose() => _h.Dispose();

    private static readonly Dictionary<string, string> ConsoleTags = new(StringComparer.Ordinal) { ["project"] = "demo" };

    private async Task<ObservedResource> ObserveOne(ResourceKind kind, string env, DesiredResource? desired, string logicalId)
    {
        var observed = await _h.Aws.Providers(Region).For(kind).ObserveAsync([env], desired is null ? [] : [desired], CancellationToken.None);
        return Assert.Single(observed, r => r.LogicalId == logicalId && r.Environment == env);
    }

    [Fact]
    public async Task AdoptAsync_Should_LeaveNothingToPlan_When_TheSpecKeepsTheHandMadeNamesWithAwsName()
    {
        var env = TestSpecs.UniqueName("keep");
        var suffix = env[^8..];
        var (clusterName, groupName) = ($"django-cluster-{suffix}", $"django-tg-{suffix}");
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText(env, t => t
            .Replace("    - { name: app, capacity: ec2 }", $"    - {{ name: app, capacity: ec2, awsName: {clusterName} }}", StringComparison.Ordinal)
            .Replace("        - name: app\n          protocol: HTTP", $"        - name: app\n          awsName: {groupName}\n          protocol: HTTP", StringComparison.Ordinal)));
        var clusterDesired = graph.Find("ecs-cluster/app")!;
        var groupDesired = graph.Find("target-group/app")!;

        // Built by hand as in the console: the spec's tags, no ownership tags, the health check the spec describes.
        var run = new ProviderRun(_h.Aws.Metrics, env);
        var vpc = (await _h.Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" })).Vpc.VpcId;
        run.Ids["vpc/main"] = vpc;
        var cluster = await _ecs.CreateClusterAsync(clusterName, ConsoleTags, CancellationToken.None);
        var healthCheck = new Elbv2HealthCheck(
            groupDesired.Get(TargetGroupKind.HealthCheckPath)!, groupDesired.Get(TargetGroupKind.HealthCheckSuccessCodes)!,
            int.Parse(groupDesired.Get(TargetGroupKind.HealthCheckIntervalSeconds)!, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(groupDesired.Get(TargetGroupKind.HealthyThreshold)!, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(groupDesired.Get(TargetGroupKind.UnhealthyThreshold)!, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(groupDesired.Get(TargetGroupKind.HealthCheckTimeoutSeconds)!, System.Globalization.CultureInfo.InvariantCulture));
        var group = await _elb.CreateTargetGroupAsync(new CreateTargetGroupRequest(groupName, "HTTP", 80, vpc, "instance", healthCheck, ConsoleTags), CancellationToken.None);

        AdoptionResult? result = null;
        var calls = await run.MutatingCalls(async () => result = await _adoption.AdoptAsync(env, Region,
            [new AdoptionTarget("ecs-cluster/app", cluster.ClusterArn), new AdoptionTarget("target-group/app", group.Arn)], CancellationToken.None));

        Assert.Equal(2, result!.Adopted.Count);
        Assert.Equal(["AddTags", "TagResource"], calls);

        // The providers find them by their new tags, under the same ids, with nothing to change: no create, no replace.
        var observedCluster = await ObserveOne(ResourceKinds.EcsCluster, env, clusterDesired, "ecs-cluster/app");
        var observedGroup = await ObserveOne(ResourceKinds.TargetGroup, env, groupDesired, "target-group/app");
        Assert.Equal(cluster.ClusterArn, observedCluster.AwsId);
        Assert.Equal(group.Arn, observedGroup.AwsId);
        Assert.Equal(clusterName, observedCluster.Get("name"));
        Assert.Empty(run.Diff(clusterDesired, observedCluster));
        Assert.Empty(run.Diff(groupDesired, observedGroup));
        Assert.Equal(clusterName, graph.Find("instance/ecs-0")!.Get("userData")![("ECS_CLUSTER=".Length)..]);
    }

    [Fact]
    public async Task AdoptAsync_Should_WriteOnlyTheOwnershipTagsSoProvidersObserveThem_When_ResourcesOfSeveralServicesWereBuiltByHand()
    {
        var env = TestSpecs.UniqueName("adopt");
        var run = new ProviderRun(_h.Aws.Metrics, env);
        var vpc = (await _h.Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.1.0.0/16" })).Vpc.VpcId;
        var group = (await _h.Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = "django-web", Description = "web", VpcId = vpc })).GroupId;
        var logGroup = $"/ecs/{env}";
        await _logs.CreateLogGroupAsync(new CreateLogGroupRequest(logGroup, new Dictionary<string, string>()), CancellationToken.None);
        using var s3 = S3Buckets.Client();
        var bucket = await S3Buckets.Create(s3, "django-specs");
        await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = [new S3Tag { Key = "team", Value = "web" }] });
        AdoptionTarget[] targets =
        [
            new("vpc/main", vpc),
            new("security-group/web", group),
            new($"log-group/ecs/{env}", logGroup),
            new("s3-bucket/specs", bucket),
            new("iam-role/ecsInstanceRole", "ecsInstanceRole"),
        ];

        AdoptionResult? result = null;
        var calls = await run.MutatingCalls(async () => result = await _adoption.AdoptAsync(env, Region, targets, CancellationToken.None));

        // One tagging call per resource, and nothing else: no setting, a Name tag only where there was none (it renames
        // nothing); the shared role needs nothing.
        Assert.Equal(["CreateTags", "CreateTags", "PutBucketTagging", "TagResource"], calls);
        Assert.Equal(["vpc/main", "security-group/web", $"log-group/ecs/{env}", "s3-bucket/specs"], result!.Adopted.Select(o => o.Target.LogicalId));
        Assert.Equal(AdoptionStatus.Shared, Assert.Single(result.AlreadyOurs).Status);
        Assert.Empty(result.Refused);

        var vpcTags = (await _h.Ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("resource-id", [vpc])] })).Tags;
        Assert.Equal([Ownership.NameTag, Ownership.EnvironmentTag, Ownership.LogicalIdTag], vpcTags.Select(t => t.Key).Order(StringComparer.Ordinal));
        Assert.Equal($"{env}-main", vpcTags.Single(t => t.Key == Ownership.NameTag).Value);
        Assert.Equal(vpc, (await ObserveOne(ResourceKinds.Vpc, env, null, "vpc/main")).AwsId);
        Assert.Equal(group, (await ObserveOne(ResourceKinds.SecurityGroup, env, null, "security-group/web")).AwsId);
        Assert.Equal(logGroup, (await ObserveOne(ResourceKinds.LogGroup, env, null, $"log-group/ecs/{env}")).AwsId);
        var observedBucket = await ObserveOne(ResourceKinds.Bucket, env, null, "s3-bucket/specs");
        Assert.Equal(bucket, observedBucket.AwsId);
        Assert.Equal("web", observedBucket.Tags["team"]); // PutBucketTagging replaces the set: the bucket's own tag was kept

        // A second adoption finds them ours and writes nothing.
        var again = await run.MutatingCalls(async () => result = await _adoption.AdoptAsync(env, Region, targets, CancellationToken.None));
        Assert.Empty(again);
        Assert.Equal(5, result!.AlreadyOurs.Count);
    }

    [Fact]
    public async Task AdoptAsync_Should_RefuseAndLeaveItUntouched_When_AnotherEnvironmentOwnsTheResource()
    {
        var env = TestSpecs.UniqueName("adopt");
        var run = new ProviderRun(_h.Aws.Metrics, env);
        var vpc = (await _h.Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.2.0.0/16" })).Vpc.VpcId;
        var theirs = (await _h.Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = "theirs",
            Description = "theirs",
            VpcId = vpc,
            TagSpecifications = [new TagSpecification { ResourceType = "security-group", Tags = [new Ec2Tag(Ownership.EnvironmentTag, "production"), new Ec2Tag(Ownership.LogicalIdTag, "security-group/web")] }],
        })).GroupId;
        var cluster = await _ecs.CreateClusterAsync($"theirs-{env}", new Dictionary<string, string> { [Ownership.EnvironmentTag] = "production", [Ownership.LogicalIdTag] = "ecs-cluster/app" }, CancellationToken.None);

        AdoptionResult? result = null;
        var calls = await run.MutatingCalls(async () => result = await _adoption.AdoptAsync(env, Region,
            [new("security-group/web", theirs), new("ecs-cluster/app", cluster.ClusterArn), new("route/main", "rtb-1"), new("role-policy/ecsTaskExecutionRole", "ecsTaskExecutionRole")], CancellationToken.None));

        Assert.Empty(calls);
        Assert.Equal(4, result!.Refused.Count);
        Assert.All(result.Refused.Take(2), o => Assert.Equal("production", o.Owner));
        Assert.Contains("owned by environment 'production'", result.Refused[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not kind/name of a kind that can be adopted", result.Refused[2].Reason, StringComparison.Ordinal);
        Assert.Contains("owned through its name", result.Refused[3].Reason, StringComparison.Ordinal);
        var tags = (await _h.Ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("resource-id", [theirs])] })).Tags;
        Assert.Equal("production", Assert.Single(tags, t => t.Key == Ownership.EnvironmentTag).Value);
        Assert.DoesNotContain(await _h.Aws.Providers(Region).For(ResourceKinds.SecurityGroup).ObserveAsync([env], [], CancellationToken.None), r => r.Environment == env);
    }

    [Fact]
    public async Task AdoptAsync_Should_WriteOnlyTheOwnerRecord_When_TheTargetIsARoute53Record()
    {
        var env = TestSpecs.UniqueName("adns");
        var run = new ProviderRun(_h.Aws.Metrics, env);
        var route53 = new Route53Api(_h.Aws.RestXml(AwsServices.Route53, Region));
        var zones = new Route53Zones(route53);
        var zoneName = $"{env}.test";
        var zone = (await route53.CreateHostedZoneAsync(new CreateHostedZoneRequest(zoneName, Guid.NewGuid().ToString("N"), "made by hand"), CancellationToken.None)).Zone;
        var name = $"api.{zoneName}";
        await route53.ChangeResourceRecordSetsAsync(zone.Id, [RecordChange.Create(new ResourceRecordSet(name + ".", "A", 300, ["192.0.2.10"], null))], CancellationToken.None);
        AdoptionTarget[] targets = [new("dns-record/api", $"{zone.Id}/{name}/A"), new("hosted-zone/main", zone.Id)];

        AdoptionResult? result = null;
        var calls = await run.MutatingCalls(async () => result = await _adoption.AdoptAsync(env, Region, targets, CancellationToken.None));

        // Records cannot be tagged: the owner TXT record the dns-record provider reads is the one thing written.
        Assert.Equal(["ChangeResourceRecordSets"], calls);
        Assert.Equal("dns-record/api", Assert.Single(result!.Adopted).Target.LogicalId);
        Assert.Equal(AdoptionStatus.Shared, Assert.Single(result.AlreadyOurs).Status);
        var around = await zones.RecordsAround(zone.Id, name, CancellationToken.None);
        Assert.Equal(new DnsOwner(env, "dns-record/api"), around.OwnerOf(name));
        Assert.Equal(["192.0.2.10"], Assert.Single(around.At(name, "A")).Values);

        // Ours now: adopting again writes nothing, and another environment is refused with the owner named.
        Assert.Empty(await run.MutatingCalls(() => _adoption.AdoptAsync(env, Region, targets, CancellationToken.None)));
        var other = await _adoption.AdoptAsync("someone-else", Region, [targets[0]], CancellationToken.None);
        Assert.Equal(env, Assert.Single(other.Refused).Owner);
    }

    [Fact]
    public async Task AdoptAsync_Should_LetProvidersFindUnprefixedNames_When_ARepositoryAndASubnetGroupKeepTheirAwsName()
    {
        var env = TestSpecs.UniqueName("keepname");
        var suffix = env[^8..];
        var (repoName, dbName) = ($"django-repo-{suffix}", $"django-db-{suffix}");
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText(env, t => t
            .Replace("    - { name: app }                 #", $"    - {{ name: app, awsName: {repoName} }} #", StringComparison.Ordinal)
            .Replace("    - name: app-db\n", $"    - name: app-db\n      awsName: {dbName}\n", StringComparison.Ordinal)));
        var repoDesired = graph.Find("ecr-repository/app")!;
        var groupDesired = graph.Find("db-subnet-group/app-db")!;
        Assert.Equal(dbName, groupDesired.Get("name"));

        var run = new ProviderRun(_h.Aws.Metrics, env);
        var ecr = new EcrApi(_h.Aws.Json(AwsServices.Ecr, Region));
        var rds = new RdsApi(_h.Aws.Query(AwsServices.Rds, Region));
        var repo = await ecr.CreateRepositoryAsync(new CreateRepositoryRequest(repoName, repoDesired.Get("tagMutability")!, new ImageScanningConfiguration(repoDesired.Get("scanOnPush") == "true"), [new Reconciler.Aws.Ecr.Tag("project", "demo")]), CancellationToken.None);
        var vpc = (await _h.Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.3.0.0/16" })).Vpc.VpcId;
        var subnets = new List<string>();
        foreach (var (cidr, zone) in new[] { ("10.3.0.0/24", "ap-northeast-1a"), ("10.3.1.0/24", "ap-northeast-1c") })
        {
            subnets.Add((await _h.Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = cidr, AvailabilityZone = zone })).Subnet.SubnetId);
        }

        await rds.CreateDbSubnetGroupAsync(new CreateDbSubnetGroupRequest(dbName, "made by hand", subnets, ConsoleTags), CancellationToken.None);

        AdoptionResult? result = null;
        var calls = await run.MutatingCalls(async () => result = await _adoption.AdoptAsync(env, Region,
            [new("ecr-repository/app", repoName), new("db-subnet-group/app-db", dbName)], CancellationToken.None));

        Assert.Equal(2, result!.Adopted.Count);
        Assert.Equal(["AddTagsToResource", "TagResource"], calls);
        var observedRepo = await ObserveOne(ResourceKinds.EcrRepository, env, repoDesired, "ecr-repository/app");
        var observedGroup = await ObserveOne(ResourceKinds.DbSubnetGroup, env, groupDesired, "db-subnet-group/app-db");
        Assert.Equal(repoName, observedRepo.AwsId);
        Assert.Equal(dbName, observedGroup.AwsId);
        Assert.Empty(run.Diff(repoDesired, observedRepo));
        Assert.Equal(dbName, observedGroup.Get("name"));
    }
}
