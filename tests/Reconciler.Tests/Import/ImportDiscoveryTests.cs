using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Http;
using Reconciler.Cli;
using Reconciler.Engine;
using Reconciler.Import;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Import;

/// <summary>
/// import on moto_server: the sample's topology built by hand (untagged, console names), discovered from a VPC, a
/// cluster and a load balancer, with --include/--exclude; the spec's sections and values, the report, the adoption
/// targets, and not one mutating call (counted by the composition's call metrics, which see every SDK and thin-client call).
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ImportDiscoveryTests
{
    private const string Region = "us-west-2";

    private static async Task<(HandBuiltTopology Topology, string Prefix)> BuildAsync()
    {
        var prefix = "dj" + Guid.NewGuid().ToString("N")[..6];
        using var setup = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System);
        return (await HandBuiltTopology.BuildAsync(ImportClients.From(setup, Region), Region, prefix), prefix);
    }

    /// <summary>Runs discovery through a fresh composition; returns the result and that composition's mutating and total call counts.</summary>
    private static async Task<(ImportResult Result, string Yaml, string Report, long Mutating, long Total)> ImportAsync(ImportOptions options)
    {
        using var aws = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System);
        var result = await ImportDiscovery.RunAsync(options, ImportClients.From(aws, Region), CancellationToken.None);
        return (result, SpecWriter.Write(result, "test"), ImportReport.Text(result), aws.Metrics.Mutating, aws.Metrics.Total);
    }

    private static ImportOptions Options(string env, string? vpc = null, string? cluster = null, string? lb = null, string[]? include = null, string[]? exclude = null) =>
        new(Region, env, vpc, cluster, lb, include ?? [], exclude ?? []);

    [Fact]
    public async Task RunAsync_Should_WriteTheWholeTopologyWithoutOneMutatingCall_When_StartedFromTheVpc()
    {
        var (t, prefix) = await BuildAsync();

        var (result, yaml, report, mutating, total) = await ImportAsync(Options(prefix, vpc: t.Ids["vpc"]));
        void Has(string text) => Assert.True(yaml.Contains(text, StringComparison.Ordinal), $"not found: {text}\n{yaml}\n{report}");

        Assert.Equal(0, mutating);
        Assert.True(total > 10, $"only {total} calls");
        Has("cidr: 10.0.0.0/16");
        Has("internetGateway: true");
        Assert.Matches(@"natGateway: \{ subnet: public-[a-z] \}", yaml);
        Assert.Equal(2, yaml.Split("public: true").Length - 1);
        Has("- { protocol: tcp, port: 5432, source: web }");
        Has("- { protocol: tcp, port: 443, cidr: 0.0.0.0/0 }");
        Assert.Matches(@"- name: ecs\s+# guessed: from the Name tag " + prefix + @"-ecs\n\s+count: 2\n", yaml);
        Has($"image: {t.Ids["image"]}");
        Has("elasticIp: true");
        Has("cluster: cluster");
        Has("engineVersion: \"16.3\"");
        Has("deletionProtection: false");
        Has("- { protocol: HTTPS, port: 443, certificate: api, forward: tg }");
        Has("- { protocol: HTTP, port: 80, redirect: https }");
        Has("healthCheck: { successCodes: \"400\"");
        Has($"zone: {t.Zone}");
        Has($"- {{ name: api.{t.Zone}, target: {{ loadBalancer: alb }} }}");
        Has("- { name: app, scanOnPush: false }");
        Has($"- {{ name: /ecs/{prefix} }}");
        Has("image: { repository: app, tag: latest }");
        Has($"logs: {{ group: /ecs/{prefix}, streamPrefix: web }}");
        // The container's values that were the database's address and port are written as references to it.
        Has("DATABASE_HOST: { database: db, attribute: address }   # guessed: the value was database db's address\n");
        Has("DATABASE_PORT: { database: db, attribute: port }   # guessed: the value was database db's port\n");
        Has("DJANGO_SETTINGS_MODULE: app.settings.production\n");
        Assert.DoesNotContain(t.Ids["db-address"], yaml, StringComparison.Ordinal);
        Has("    - name: service\n      cluster: cluster\n      taskDefinition: task\n      desiredCount: 2\n      loadBalancer: { targetGroup: tg, container: web, containerPort: 8000 }\n");
        // Every name follows <environment>-<name>: nothing needs to keep a physical name, but the DB subnet group named
        // as the console names it, which keeps its name.
        Assert.DoesNotMatch(@"\sawsName:", yaml);
        Has($"subnetGroupAwsName: {t.Ids["db-subnet-group"]}\n");

        Assert.Contains($"NAT gateway ({t.Ids["nat-2"]}): a second NAT gateway", report, StringComparison.Ordinal);
        Assert.Contains("validates an imported certificate", report, StringComparison.Ordinal);
        var targets = result.Targets.ToDictionary(x => x.LogicalId, x => x.AwsId);
        Assert.Equal(t.Ids["vpc"], targets["vpc/main"]);
        Assert.Equal(t.Ids["nat"], targets["nat-gateway/main"]);
        Assert.Equal(t.Ids["nat-eip"], targets["elastic-ip/nat"]);
        Assert.Equal(t.Ids["rtb-public"], targets["route-table/public"]);
        Assert.Equal(t.Ids["rtb-private"], targets["route-table/private"]);
        Assert.Equal(t.Ids["sg-db"], targets["security-group/db"]);
        Assert.Equal(t.Ids["instance-0"], targets["instance/ecs-0"]);
        Assert.Equal(t.Ids["eip-1"], targets["elastic-ip/ecs-1"]);
        Assert.Equal($"{prefix}-db", targets["db-instance/db"]);
        Assert.Equal(t.Ids["db-subnet-group"], targets["db-subnet-group/db"]);
        Assert.Equal(t.Ids["lb"], targets["load-balancer/alb"]);
        Assert.Equal(t.Ids["https"], targets["listener/alb-443"]);
        Assert.Equal(t.Ids["tg"], targets["target-group/tg"]);
        Assert.Equal(t.Ids["certificate"], targets["certificate/api"]);
        Assert.Equal(t.Ids["zone"], targets[$"hosted-zone/{t.Zone}"]);
        Assert.Equal($"{t.Ids["zone"]}/api.{t.Zone}/A", targets[$"dns-record/api.{t.Zone}"]);
        Assert.Equal(t.Ids["cluster"], targets["ecs-cluster/cluster"]);
        Assert.Equal(t.Ids["task"], targets["task-definition/task"]);
        Assert.Equal(t.Ids["service"], targets["ecs-service/service"]);
        Assert.Equal($"/ecs/{prefix}", targets[$"log-group/ecs/{prefix}"]);

        // The spec is valid as written (the schema and the model's checks, through the CLI's validate).
        var path = TestSpecs.WriteSpec(yaml);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        Assert.True(await CliApp.RunAsync(["validate", path], output, errors, TimeProvider.System) == 0, errors.ToString() + yaml);
    }

    [Fact]
    public async Task RunAsync_Should_KeepThePhysicalNamesInAwsName_When_TheyDoNotFollowTheConvention()
    {
        var (t, prefix) = await BuildAsync();

        var (_, yaml, _, mutating, _) = await ImportAsync(Options("legacy", vpc: t.Ids["vpc"]));

        Assert.Equal(0, mutating);
        Assert.Contains($"awsName: {prefix}-alb", yaml, StringComparison.Ordinal);
        Assert.Contains($"- {{ name: {prefix}-cluster, awsName: {prefix}-cluster }}", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("- { name: cluster }", yaml, StringComparison.Ordinal);
        Assert.Contains($"- name: {prefix}-web\n", yaml, StringComparison.Ordinal);
        Assert.Contains($"cluster: {prefix}-cluster", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Should_FollowTheLinksOfTheLoadBalancerOnly_When_StartedFromIt()
    {
        var (t, prefix) = await BuildAsync();

        var (result, yaml, _, mutating, _) = await ImportAsync(Options(prefix, lb: $"{prefix}-alb"));

        Assert.Equal(0, mutating);
        var targets = result.Targets.ToDictionary(x => x.LogicalId, x => x.AwsId);
        Assert.Equal(t.Ids["lb"], targets["load-balancer/alb"]);
        Assert.Equal(t.Ids["service"], targets["ecs-service/service"]);
        Assert.Equal(t.Ids["instance-1"], targets["instance/ecs-1"]);
        Assert.Equal(t.Ids["sg-web"], targets["security-group/web"]);
        // Nothing links the load balancer to the database or to its group.
        Assert.DoesNotContain("databases:", yaml, StringComparison.Ordinal);
        Assert.False(targets.ContainsKey("security-group/db"));
    }

    [Fact]
    public async Task RunAsync_Should_FindTheServicesLoadBalancerAndHosts_When_StartedFromTheCluster()
    {
        var (t, prefix) = await BuildAsync();

        var (result, yaml, _, mutating, _) = await ImportAsync(Options(prefix, cluster: $"{prefix}-cluster"));

        Assert.Equal(0, mutating);
        var targets = result.Targets.ToDictionary(x => x.LogicalId, x => x.AwsId);
        Assert.Equal(t.Ids["cluster"], targets["ecs-cluster/cluster"]);
        Assert.Equal(t.Ids["service"], targets["ecs-service/service"]);
        Assert.Equal(t.Ids["lb"], targets["load-balancer/alb"]);
        Assert.Equal(t.Ids["instance-0"], targets["instance/ecs-0"]);
        Assert.DoesNotContain("databases:", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Should_LeaveOutTheSectionAndWhatNeedsIt_When_ExcludedOrNotIncluded()
    {
        var (t, prefix) = await BuildAsync();

        var (excluded, yaml, report, _, _) = await ImportAsync(Options(prefix, vpc: t.Ids["vpc"], exclude: ["loadBalancers"]));
        var (included, onlyNetwork, _, _, _) = await ImportAsync(Options(prefix, vpc: t.Ids["vpc"], include: ["network", "securityGroups"]));

        Assert.DoesNotContain("loadBalancers:", yaml, StringComparison.Ordinal);
        Assert.Contains("loadBalancers/alb", report, StringComparison.Ordinal);
        Assert.Contains("excluded by --include/--exclude", report, StringComparison.Ordinal);
        Assert.Contains($"dns/api.{t.Zone} ({t.Ids["zone"]}/api.{t.Zone}/A): needs loadBalancers/alb, which is left out", report, StringComparison.Ordinal);
        Assert.Contains($"services/service ({t.Ids["service"]}): needs targetGroups/tg, which is left out", report, StringComparison.Ordinal);
        Assert.DoesNotContain("services:", yaml, StringComparison.Ordinal);
        Assert.Contains("hosts:", yaml, StringComparison.Ordinal);
        Assert.Contains("taskDefinitions:", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain(excluded.Targets, x => x.LogicalId.StartsWith("listener/", StringComparison.Ordinal));

        // Without the databases section a container keeps the database's address as a literal: a reference would take
        // the task definition (and its service) out with the database.
        var (_, noDatabases, _, _, _) = await ImportAsync(Options(prefix, vpc: t.Ids["vpc"], exclude: ["databases"]));
        Assert.Contains($"DATABASE_HOST: {t.Ids["db-address"]}\n", noDatabases, StringComparison.Ordinal);
        Assert.Contains("services:", noDatabases, StringComparison.Ordinal);

        Assert.Equal(["network", "securityGroups"], included.Entries.Select(e => e.Section).Distinct().ToArray());
        Assert.DoesNotContain("hosts:", onlyNetwork, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Should_LeaveOutAListenerWithRulesAndWhatOnlyItLinks_When_ItRoutesBeyondTheDefaultAction()
    {
        var (t, prefix) = await BuildAsync();
        using (var setup = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System))
        {
            // A path rule, as added in the console: no spec field says it, so the listener cannot be adopted as written.
            await setup.Query(Reconciler.Aws.Http.AwsServices.Elbv2, Region).CallAsync("CreateRule", new Reconciler.Aws.Http.QueryParams()
                .Add("ListenerArn", t.Ids["https"]).Add("Priority", "10")
                .Add("Conditions.member.1.Field", "path-pattern").Add("Conditions.member.1.Values.member.1", "/api/*")
                .Add("Actions.member.1.Type", "forward").Add("Actions.member.1.TargetGroupArn", t.Ids["tg"]), Reconciler.Aws.CallPurpose.Mutate, CancellationToken.None);
        }

        var (result, yaml, report, mutating, _) = await ImportAsync(Options(prefix, vpc: t.Ids["vpc"]));

        Assert.Equal(0, mutating);
        Assert.Contains($"({t.Ids["https"]}): has rules beyond its default action", report, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Targets, x => x.LogicalId == "listener/alb-443");
        Assert.Contains(result.Targets, x => x.LogicalId == "listener/alb-80");
        // The target group was reached only through that listener: the service on it is left out too, not written wrong.
        Assert.Contains($"({t.Ids["service"]}): registered to a target group that is not imported", report, StringComparison.Ordinal);
        Assert.DoesNotContain("services:", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Should_LeaveOutWhatTheSpecWouldChange_When_AHostAllowsImdsV1OrTheVpcHasNoDnsHostnames()
    {
        var (t, prefix) = await BuildAsync();
        using var setup = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System);
        var ec2 = setup.Ec2(Region);
        await ec2.ModifyInstanceMetadataOptionsAsync(new Amazon.EC2.Model.ModifyInstanceMetadataOptionsRequest { InstanceId = t.Ids["instance-0"], HttpTokens = Amazon.EC2.HttpTokensState.Optional });

        var (withImdsV1, _, report, _, _) = await ImportAsync(Options(prefix, vpc: t.Ids["vpc"]));

        // Adopted as written, the host would be changed (the spec requires tokens): it is left out and said why.
        Assert.Contains($"({t.Ids["instance-0"]}): allows IMDSv1", report, StringComparison.Ordinal);
        Assert.DoesNotContain(withImdsV1.Targets, x => x.AwsId == t.Ids["instance-0"]);
        Assert.Contains(withImdsV1.Targets, x => x.AwsId == t.Ids["instance-1"]);

        await ec2.ModifyVpcAttributeAsync(new Amazon.EC2.Model.ModifyVpcAttributeRequest { VpcId = t.Ids["vpc"], EnableDnsHostnames = false });
        var (noDns, _, noDnsReport, _, _) = await ImportAsync(Options(prefix, vpc: t.Ids["vpc"]));

        Assert.Contains("enableDnsHostnames is off", noDnsReport, StringComparison.Ordinal);
        Assert.DoesNotContain(noDns.Targets, x => x.AwsId == t.Ids["vpc"]);
        Assert.DoesNotContain(noDns.Entries, e => e.Section is "network" or "hosts" or "databases");
    }

    [Fact]
    public async Task RunAsync_Should_LeaveOutTheHostAndItsAddress_When_ItWasLaunchedFromALaunchTemplate()
    {
        var (t, prefix) = await BuildAsync();
        using var setup = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System);
        var ec2 = setup.Ec2(Region);
        // A third host like the two others (same name, image, type, group, user data), but launched from a launch
        // template: EC2 tags it aws:ec2launchtemplate:id, which the spec's hosts have no field for.
        var template = (await ec2.CreateLaunchTemplateAsync(new Amazon.EC2.Model.CreateLaunchTemplateRequest
        {
            LaunchTemplateName = $"{prefix}-lt",
            LaunchTemplateData = new Amazon.EC2.Model.RequestLaunchTemplateData { ImageId = t.Ids["image"], InstanceType = "t3.small" },
        })).LaunchTemplate.LaunchTemplateId;
        var instance = (await ec2.RunInstancesAsync(new Amazon.EC2.Model.RunInstancesRequest
        {
            LaunchTemplate = new Amazon.EC2.Model.LaunchTemplateSpecification { LaunchTemplateId = template },
            MinCount = 1, MaxCount = 1, SubnetId = t.Ids["public-a"], SecurityGroupIds = [t.Ids["sg-web"]],
            UserData = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"#!/bin/bash\necho ECS_CLUSTER={prefix}-cluster >> /etc/ecs/ecs.config\n")),
            MetadataOptions = new Amazon.EC2.Model.InstanceMetadataOptionsRequest { HttpTokens = Amazon.EC2.HttpTokensState.Required },
            TagSpecifications = [new Amazon.EC2.Model.TagSpecification { ResourceType = Amazon.EC2.ResourceType.Instance, Tags = [new Amazon.EC2.Model.Tag("Name", $"{prefix}-ecs")] }],
        })).Reservation.Instances[0].InstanceId;
        var address = (await ec2.AllocateAddressAsync(new Amazon.EC2.Model.AllocateAddressRequest { Domain = Amazon.EC2.DomainType.Vpc })).AllocationId;
        await ec2.AssociateAddressAsync(new Amazon.EC2.Model.AssociateAddressRequest { AllocationId = address, InstanceId = instance });

        var (result, yaml, report, mutating, _) = await ImportAsync(Options(prefix, vpc: t.Ids["vpc"]));

        Assert.Equal(0, mutating);
        Assert.Contains($"instance ({instance}): launched from a launch template", report, StringComparison.Ordinal);
        // Neither the instance nor its address is adopted; the group is still the two hosts built without a template.
        Assert.DoesNotContain(result.Targets, x => x.AwsId == instance || x.AwsId == address);
        Assert.Matches(@"- name: ecs\s+# guessed: from the Name tag " + prefix + @"-ecs\n\s+count: 2\n", yaml);
        Assert.Contains(result.Targets, x => x.AwsId == t.Ids["instance-1"]);
    }

    [Fact]
    public async Task RunAsync_Should_LeaveOutTheServiceAndItsTaskDefinition_When_ItRunsOnFargate()
    {
        var (t, prefix) = await BuildAsync();
        using var setup = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System);
        var ecs = new EcsApi(setup.Json(AwsServices.Ecs, Region));
        var worker = new EcsContainerDefinition("worker", "public.ecr.aws/docker/library/busybox:latest", null, null, null, true, null, null, null, null, null);
        var (service, family) = await AddServiceAsync(ecs, t, $"{prefix}-worker", "awsvpc", worker, "FARGATE", cpu: "256", memory: "512");

        var (result, yaml, report, mutating, _) = await ImportAsync(Options(prefix, vpc: t.Ids["vpc"]));

        Assert.Equal(0, mutating);
        Assert.Contains($"service {prefix}-worker ({service}): launch type FARGATE", report, StringComparison.Ordinal);
        // What only the Fargate service linked (its task definition) is not written either; the EC2 service still is.
        Assert.DoesNotContain(result.Targets, x => x.AwsId == service || x.AwsId == family);
        Assert.DoesNotContain("worker", yaml, StringComparison.Ordinal);
        Assert.Contains(result.Targets, x => x.AwsId == t.Ids["service"]);
    }

    [Fact]
    public async Task RunAsync_Should_NeverWriteTheValue_When_AContainerHoldsASecretInItsEnvironment()
    {
        var (t, prefix) = await BuildAsync();
        using var setup = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System);
        var ecs = new EcsApi(setup.Json(AwsServices.Ecs, Region));
        const string Password = "hunter2-Xq9pL";
        EcsContainerDefinition Web(string name, string value) => new("web", "public.ecr.aws/docker/library/busybox:latest", null, 256, null, true, null,
            [new EcsKeyValuePair("DJANGO_DEBUG", "0"), new EcsKeyValuePair(name, value)], null, null, null);
        var (named, namedFamily) = await AddServiceAsync(ecs, t, $"{prefix}-named", "bridge", Web("DB_PASSWORD", Password), "EC2");
        var (url, urlFamily) = await AddServiceAsync(ecs, t, $"{prefix}-url", "bridge", Web("DATABASE_URL", $"postgres://app:{Password}@db.internal:5432/app"), "EC2");

        var (result, yaml, report, mutating, _) = await ImportAsync(Options(prefix, vpc: t.Ids["vpc"]));

        Assert.Equal(0, mutating);
        Assert.Contains("container web: environment variable DB_PASSWORD looks like a secret held in plain text", report, StringComparison.Ordinal);
        Assert.Contains("container web: environment variable DATABASE_URL holds a URL with a password in plain text", report, StringComparison.Ordinal);
        // The value is in neither the spec nor the report; the task definitions and their services are left out, not written without it.
        Assert.DoesNotContain(Password, yaml, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, report, StringComparison.Ordinal);
        Assert.Contains($"({named}): its task definition is not imported", report, StringComparison.Ordinal);
        Assert.Contains($"({url}): its task definition is not imported", report, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Targets, x => x.AwsId == namedFamily || x.AwsId == urlFamily || x.AwsId == named || x.AwsId == url);
        Assert.Contains(result.Targets, x => x.AwsId == t.Ids["service"]);
    }

    /// <summary>A task definition and a service on it in the hand-built cluster, with the circuit breaker on as the console sets it; their ARNs.</summary>
    private static async Task<(string Service, string TaskDefinition)> AddServiceAsync(EcsApi ecs, HandBuiltTopology t, string name, string networkMode, EcsContainerDefinition container, string launchType,
        string? cpu = null, string? memory = null)
    {
        var td = (await ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest(name, networkMode, null, null, [container], []) { Cpu = cpu, Memory = memory }, CancellationToken.None)).TaskDefinition.TaskDefinitionArn;
        var breaker = new EcsDeploymentConfiguration(new EcsCircuitBreaker(true, true));
        var service = await ecs.CreateServiceAsync(new CreateServiceRequest(t.Ids["cluster"], name, td, 1, launchType, null, breaker, Guid.NewGuid().ToString("N"), "NONE", []), CancellationToken.None);
        // moto keeps deploymentConfiguration only from UpdateService (see HandBuiltTopology).
        await ecs.UpdateServiceAsync(new UpdateServiceRequest(t.Ids["cluster"], service.ServiceArn, DeploymentConfiguration: breaker), CancellationToken.None);
        return (service.ServiceArn, td);
    }
}
