using System.Text;
using Amazon.EC2.Model;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Ec2;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Providers.Ec2;

/// <summary>The sample's ECS hosts and their Elastic IPs against moto_server.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HostConvergenceTests : IDisposable
{
    private static readonly PlanOptions Apply = new(Prune: true);
    private readonly TopologyHarness _t = new();

    public void Dispose() => _t.Dispose();

    private async Task<List<Instance>> LiveInstances(string env)
    {
        var response = await _t.H.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest
        {
            Filters = [new Filter("tag:" + Ownership.EnvironmentTag, [env]), new Filter("instance-state-name", ["pending", "running", "stopping", "stopped"])],
        });
        return [.. response.Reservations.SelectMany(r => r.Instances)];
    }

    [Fact]
    public async Task Apply_Should_ConvergeHostsAndElasticIpsThenResizeInPlaceAndDestroy_When_TheSpecAsksForThem()
    {
        var env = TestSpecs.UniqueName("hosts");
        var (_, graph) = TestSpecs.Load(TopologyHarness.Spec(env, databases: false, hosts: true));

        var result = await _t.Engine.ApplyAsync(graph, Apply, CancellationToken.None);

        Assert.True(result.Converged, _t.H.LogText);
        var plan = await _t.Engine.PlanAsync(graph, Apply, CancellationToken.None);
        Assert.False(plan.HasChanges, string.Join(Environment.NewLine, plan.Changes.SelectMany(s => s.Changes.Select(c => $"{s.LogicalId} {c}"))));
        var instances = await LiveInstances(env);
        Assert.Equal(2, instances.Count);
        Assert.All(instances, i => Assert.Equal("required", i.MetadataOptions.HttpTokens.Value));
        var addresses = (await _t.H.Ec2.DescribeAddressesAsync(new DescribeAddressesRequest { Filters = [new Filter("tag:" + Ownership.EnvironmentTag, [env])] })).Addresses;
        foreach (var host in new[] { "ecs-0", "ecs-1" })
        {
            var instance = plan.Steps.Single(s => s.LogicalId == $"instance/{host}").AwsId;
            Assert.Contains(addresses, a => a.InstanceId == instance && a.Tags.Any(t => t.Value == $"elastic-ip/{host}"));
        }

        var volumes = (await _t.H.Ec2.DescribeVolumesAsync(new DescribeVolumesRequest { Filters = [new Filter("tag:" + Ownership.EnvironmentTag, [env])] })).Volumes;
        Assert.Equal(2, volumes.Count);

        // instanceType: in place, stop - modify - start, for exactly the two hosts; the stop is marked on the instance with
        // a tag (removed after the start) because on AWS the start comes in a later pass (nothing waits for "stopped").
        var (_, resized) = TestSpecs.Load(TopologyHarness.Spec(env, false, true, t => t.Replace("instanceType: t3.small", "instanceType: t3.medium", StringComparison.Ordinal)));
        var resizePlan = await _t.Engine.PlanAsync(resized, Apply, CancellationToken.None);
        Assert.Equal(["instance/ecs-0", "instance/ecs-1"], resizePlan.Changes.Select(s => s.LogicalId).Order());
        Assert.All(resizePlan.Changes, s => Assert.Equal(("instanceType", PlanAction.Update), (Assert.Single(s.Changes).Path, s.Action)));
        var before = _t.H.Aws.Metrics.Snapshot();
        Assert.True((await _t.Engine.ApplyAsync(resized, Apply, CancellationToken.None)).Converged, _t.H.LogText);
        Assert.Equal(["CreateTags", "DeleteTags", "ModifyInstanceAttribute", "StartInstances", "StopInstances"], _t.MutatingCallsSince(before));
        Assert.All(await LiveInstances(env), i => Assert.DoesNotContain(i.Tags, t => t.Key == InstanceProvider.StoppedForTypeTag));
        Assert.All(await LiveInstances(env), i => Assert.Equal("t3.medium", i.InstanceType.Value));

        // Destroy: instances first (terminated; what they hold waits while they shut down), then their addresses, then the network.
        var destroyed = await _t.Engine.ApplyAsync(resized, new PlanOptions(true, Destroy: true), CancellationToken.None);
        Assert.True(destroyed.Converged, _t.H.LogText);
        Assert.Empty(await LiveInstances(env));
        Assert.Empty((await _t.H.Ec2.DescribeAddressesAsync(new DescribeAddressesRequest { Filters = [new Filter("tag:" + Ownership.EnvironmentTag, [env])] })).Addresses);
    }

    [Fact]
    public async Task Create_Should_LaunchWithProfileUserDataAndImdsV2AndShowNoDiff_When_TheSampleHostIsCreated()
    {
        var env = TestSpecs.UniqueName("host");
        var (_, network) = TestSpecs.Load(TopologyHarness.Spec(env, databases: false, hosts: false));
        Assert.True((await _t.Engine.ApplyAsync(network, Apply, CancellationToken.None)).Converged, _t.H.LogText);
        var ids = (await _t.Engine.PlanAsync(network, Apply, CancellationToken.None)).Steps.ToDictionary(s => s.LogicalId, s => s.AwsId);
        var profile = $"ecsInstanceRole-{env}";
        await _t.Iam.CallAsync("CreateInstanceProfile", new QueryParams().Add("InstanceProfileName", profile), CallPurpose.Mutate, CancellationToken.None);
        ids["instance-profile/ecsInstanceRole"] = profile;
        ids["ecs-cluster/app"] = $"{env}-app";
        var (_, full) = TestSpecs.Load(TestSpecs.SampleText(env));
        var desired = full.Resources.Single(r => r.LogicalId == "instance/ecs-0");
        string? Resolve(string key) => ids.GetValueOrDefault(key);

        var created = await _t.Instances.CreateAsync(new ResolvedResource(desired, Planner.ResolveAll(desired, Resolve)), CancellationToken.None);
        var observed = Assert.Single(await _t.Instances.ObserveAsync([env], [desired], CancellationToken.None));

        Assert.Equal(created.AwsId, observed.AwsId);
        Assert.Equal((env, "instance/ecs-0"), (observed.Environment, observed.LogicalId));
        Assert.Empty(Planner.Diff(desired, observed, Resolve));
        var instance = Assert.Single(Assert.Single((await _t.H.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [created.AwsId] })).Reservations).Instances);
        Assert.Equal(await _t.Images.CurrentAsync(CancellationToken.None), instance.ImageId);
        Assert.EndsWith("/" + profile, instance.IamInstanceProfile.Arn, StringComparison.Ordinal);
        Assert.Equal("required", instance.MetadataOptions.HttpTokens.Value);
        Assert.True(string.IsNullOrEmpty(instance.PublicIpAddress));
        var userData = await _t.H.Ec2.DescribeInstanceAttributeAsync(new DescribeInstanceAttributeRequest { InstanceId = created.AwsId, Attribute = "userData" });
        Assert.Equal($"#!/bin/bash\necho ECS_CLUSTER={env}-app >> /etc/ecs/ecs.config\n", Encoding.UTF8.GetString(Convert.FromBase64String(userData.InstanceAttribute.UserData)));

        await _t.Instances.DeleteAsync(observed, CancellationToken.None);
        Assert.Empty(await LiveInstances(env));
    }

    [Fact]
    public async Task Observe_Should_LogANewerAmiWithoutDrift_When_AHostRunsAnOlderEcsOptimizedImage()
    {
        var env = TestSpecs.UniqueName("ami");
        var (_, network) = TestSpecs.Load(TopologyHarness.Spec(env, databases: false, hosts: false));
        Assert.True((await _t.Engine.ApplyAsync(network, Apply, CancellationToken.None)).Converged, _t.H.LogText);
        var ids = (await _t.Engine.PlanAsync(network, Apply, CancellationToken.None)).Steps.ToDictionary(s => s.LogicalId, s => s.AwsId);
        var (_, hosts) = TestSpecs.Load(TopologyHarness.Spec(env, databases: false, hosts: true));
        var desired = hosts.Resources.Single(r => r.LogicalId == "instance/ecs-0");
        var recommended = await _t.Images.CurrentAsync(CancellationToken.None);
        var older = (await _t.H.Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["amazon"] })).Images.First(i => i.ImageId != recommended).ImageId;
        // Launched from the recommended image of its day, which AWS has since replaced.
        var tags = desired.Tags.Select(t => new Tag(t.Key, t.Value)).Append(new Tag(InstanceProvider.ImageTag, EcsOptimizedImage.Alias)).Append(new Tag(InstanceProvider.UserDataTag, string.Empty)).ToList();
        await _t.H.Ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = older, InstanceType = Amazon.EC2.InstanceType.T3Small, MinCount = 1, MaxCount = 1, SubnetId = ids["subnet/public-a"],
            SecurityGroupIds = [ids["security-group/web"]!], MetadataOptions = new InstanceMetadataOptionsRequest { HttpTokens = Amazon.EC2.HttpTokensState.Required },
            TagSpecifications = [new TagSpecification { ResourceType = Amazon.EC2.ResourceType.Instance, Tags = tags }],
        });

        var observed = Assert.Single(await _t.Instances.ObserveAsync([env], [desired], CancellationToken.None));

        Assert.Equal(EcsOptimizedImage.Alias, observed.Get("image"));
        Assert.Empty(Planner.Diff(desired, observed, ids.GetValueOrDefault));
        Assert.Contains(_t.H.Logs.Lines, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("newer ECS-optimized AMI available", StringComparison.Ordinal) && l.Contains(recommended, StringComparison.Ordinal));
        await _t.Instances.DeleteAsync(observed, CancellationToken.None);
    }

    [Fact]
    public void UserDataScript_Should_AppendTheClusterToTheEcsConfig_When_AClusterIsNamed()
    {
        Assert.Null(InstanceProvider.UserDataScript(string.Empty));
        Assert.Equal("#!/bin/bash\necho ECS_CLUSTER=demo-app >> /etc/ecs/ecs.config\n",
            Encoding.UTF8.GetString(Convert.FromBase64String(InstanceProvider.UserDataScript("ECS_CLUSTER=demo-app")!)));
    }
}
