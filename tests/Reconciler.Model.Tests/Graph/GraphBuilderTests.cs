using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Loading;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Graph;

public sealed class GraphBuilderTests
{
    private static readonly Lazy<ResourceGraph> Sample = new(() => BuildSample());

    [Fact]
    public void Build_Should_ExpandEverySection_When_TheSampleIsBuilt()
    {
        var graph = Sample.Value;

        Assert.Equal(("demo", "ap-northeast-1"), (graph.Environment, graph.Region));
        string[] expected =
        [
            "vpc/main",
            "subnet/public-a", "subnet/public-c", "subnet/public-d", "subnet/private-a", "subnet/private-c", "subnet/private-d",
            "internet-gateway/main", "elastic-ip/nat", "nat-gateway/main", "route-table/public", "route-table/private",
            "security-group/web", "security-group/db",
            "instance-profile/ecsInstanceRole", "execution-role/execution",
            "db-subnet-group/app-db", "db-instance/app-db",
            "instance/ecs-0", "instance/ecs-1", "elastic-ip/ecs-0", "elastic-ip/ecs-1",
            "hosted-zone/example.com", "certificate/api", "dns-record/api.example.com",
            "target-group/app", "load-balancer/app", "listener/app-443", "listener/app-80",
            "ecr-repository/app", "log-group/ecs/app", "ecs-cluster/app", "task-definition/app", "ecs-service/app", "s3-bucket/media",
            "role-policy/demo-execution",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), graph.Resources.Select(r => r.LogicalId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_Should_PutEveryResourceAfterItsDependencies_When_TheSampleIsBuilt()
    {
        var graph = Sample.Value;
        var index = graph.Resources.Select((r, i) => (r.LogicalId, i)).ToDictionary(x => x.LogicalId, x => x.i, StringComparer.Ordinal);

        Assert.All(graph.Resources, resource =>
        {
            Assert.All(resource.DependsOn, dependency =>
            {
                Assert.True(index.ContainsKey(dependency), $"{resource.LogicalId} depends on the missing {dependency}");
                Assert.True(index[dependency] < index[resource.LogicalId], $"{resource.LogicalId} comes before its dependency {dependency}");
            });
        });
        Assert.True(index["vpc/main"] < index["subnet/public-a"]);
        Assert.True(index["nat-gateway/main"] < index["route-table/private"]);
        Assert.True(index["listener/app-443"] < index["ecs-service/app"]);
    }

    [Fact]
    public void Build_Should_DeriveDependenciesFromReferencesAndOrderingEdges_When_TheSampleIsBuilt()
    {
        var graph = Sample.Value;

        Assert.Equal(["elastic-ip/nat", "internet-gateway/main", "subnet/public-a"], Deps(graph, "nat-gateway/main"));
        Assert.Equal(["internet-gateway/main", "subnet/public-a", "subnet/public-c", "subnet/public-d", "vpc/main"], Deps(graph, "route-table/public"));
        Assert.Equal(["nat-gateway/main", "subnet/private-a", "subnet/private-c", "subnet/private-d", "vpc/main"], Deps(graph, "route-table/private"));
        Assert.Equal(["vpc/main"], Deps(graph, "security-group/db"));
        Assert.Equal(["instance/ecs-0"], Deps(graph, "elastic-ip/ecs-0"));
        Assert.Equal(["load-balancer/app"], Deps(graph, "listener/app-80"));
        Assert.Equal(["certificate/api", "load-balancer/app", "target-group/app"], Deps(graph, "listener/app-443"));
        Assert.Equal(["hosted-zone/example.com", "load-balancer/app"], Deps(graph, "dns-record/api.example.com"));
        // The database: its address, port, name, user and managed secret are in the container's environment and secrets.
        Assert.Equal(["db-instance/app-db", "ecr-repository/app", "execution-role/execution", "log-group/ecs/app"], Deps(graph, "task-definition/app"));
        Assert.Equal(["db-instance/app-db", "execution-role/execution"], Deps(graph, "role-policy/demo-execution"));
        Assert.Equal(
            ["ecs-cluster/app", "instance/ecs-0", "instance/ecs-1", "listener/app-443", "listener/app-80", "role-policy/demo-execution", "target-group/app", "task-definition/app"],
            Deps(graph, "ecs-service/app"));
        Assert.Equal(["ecs-cluster/app", "instance-profile/ecsInstanceRole", "security-group/web", "subnet/public-c"], Deps(graph, "instance/ecs-1"));
    }

    [Fact]
    public void Build_Should_WriteCanonicalProperties_When_TheSampleIsBuilt()
    {
        var graph = Sample.Value;

        var subnet = graph.Find("subnet/public-a")!;
        Assert.Equal(("${vpc/main}", "10.0.0.0/24", "ap-northeast-1a"), (subnet.Get("vpc"), subnet.Get("cidr"), subnet.Get("zone")));
        Assert.Equal([new Route("0.0.0.0/0", RouteTarget.Gateway, "${internet-gateway/main}")], graph.Find("route-table/public")!.Items<Route>(RouteTableKind.Routes));
        Assert.Equal([new Route("0.0.0.0/0", RouteTarget.NatGateway, "${nat-gateway/main}")], graph.Find("route-table/private")!.Items<Route>(RouteTableKind.Routes));
        var web = graph.Find("security-group/web")!;
        Assert.Equal("demo-web", web.Get("name"));
        Assert.Equal(["tcp:22-22:0.0.0.0/0", "tcp:443-443:0.0.0.0/0", "tcp:80-80:0.0.0.0/0"], web.Items<SecurityRule>(SecurityGroupKind.Ingress).Select(r => r.Display));
        Assert.Equal([SecurityRule.AllowAllEgress], web.Items<SecurityRule>(SecurityGroupKind.Egress));
        Assert.Equal([SecurityRule.Create("tcp", 5432, 5432, sourceGroup: "${security-group/web}")], graph.Find("security-group/db")!.Items<SecurityRule>(SecurityGroupKind.Ingress));
        Assert.Equal("${subnet/public-c}", graph.Find("instance/ecs-1")!.Get("subnet"));
        Assert.Equal("ECS_CLUSTER=demo-app", graph.Find("instance/ecs-0")!.Get("userData"));
        Assert.Equal("${execution-role/execution#arn}", graph.Find("task-definition/app")!.Get("executionRole"));
        Assert.Equal("${ecr-repository/app#uri}:latest", graph.Find("task-definition/app")!.Get("containers.web.image"));
        Assert.Equal([new PortMapping(80, 8000, "tcp")], graph.Find("task-definition/app")!.Items<PortMapping>("containers.web.portMappings"));
        Assert.Equal(new LoadBalancerBinding("${target-group/app}", "web", 8000), graph.Find("ecs-service/app")!.Item<LoadBalancerBinding>("loadBalancer"));
        Assert.Equal(new AliasTarget("${load-balancer/app#dnsName}", "${load-balancer/app#canonicalHostedZoneId}"), graph.Find("dns-record/api.example.com")!.Item<AliasTarget>("aliasTarget"));
        Assert.Equal(new HostedZoneRef("example.com", "${hosted-zone/example.com}"), graph.Find("certificate/api")!.Item<HostedZoneRef>("zone"));
        Assert.Equal(ListenerAction.Forward("${target-group/app}"), graph.Find("listener/app-443")!.Item<ListenerAction>("action"));
        Assert.Equal(ListenerAction.Redirect("HTTPS", "443", "HTTP_301"), graph.Find("listener/app-80")!.Item<ListenerAction>("action"));
        Assert.Equal(["certificate/api", "load-balancer/app", "target-group/app"], graph.Find("listener/app-443")!.DependsOn);
        Assert.Equal("/ecs/app", graph.Find("log-group/ecs/app")!.Get("name"));
        Assert.Equal(new LogRetention(30), graph.Find("log-group/ecs/app")!.Item<LogRetention>(LogGroupKind.RetentionDays));
        Assert.False(graph.Find("db-instance/app-db")!.AllowReplacement);
    }

    [Fact]
    public void Build_Should_ReferToTheDatabase_When_TheSampleNamesItsValuesAndSecret()
    {
        var td = Sample.Value.Find("task-definition/app")!;

        Assert.Equal(
            [
                "DATABASE_HOST=${db-instance/app-db#address}", "DATABASE_NAME=${db-instance/app-db#name}", "DATABASE_PORT=${db-instance/app-db#port}",
                "DATABASE_USER=${db-instance/app-db#username}", "DJANGO_SETTINGS_MODULE=app.settings.production",
            ],
            td.Items<EnvironmentVariable>("containers.web.environment").Select(e => e.Display));
        Assert.Equal([new ContainerSecret("DATABASE_PASSWORD", "${db-instance/app-db#secretArn}:password::")], td.Items<ContainerSecret>("containers.web.secrets"));
        Assert.Equal(("1024", "768"), (td.Get("cpu"), td.Get("memory")));
        var policy = Sample.Value.Find("role-policy/demo-execution")!;
        Assert.Equal(("${execution-role/execution}", "reconciler-demo-secrets"), (policy.Get("role"), policy.Get("name")));
        Assert.Equal(["${db-instance/app-db#secretArn}"], policy.SetOf("secrets"));
        Assert.Empty(policy.SetOf("parameters"));
    }

    [Fact]
    public void Build_Should_TagEveryOwnedResource_When_TheSampleIsBuilt()
    {
        var graph = Sample.Value;
        var shared = new[] { ResourceKinds.IamRole, ResourceKinds.InstanceProfile };

        // Route53 records and inline role policies cannot be tagged: they carry only the two ownership "tags".
        Assert.All(graph.Resources.Where(r => !shared.Contains(r.Kind) && r.Kind != ResourceKinds.DnsRecord && r.Kind != ResourceKinds.RolePolicy), resource =>
        {
            Assert.Equal("demo", resource.Tags[Ownership.EnvironmentTag]);
            Assert.Equal(resource.LogicalId, resource.Tags[Ownership.LogicalIdTag]);
            Assert.Equal("demo", resource.Tags["project"]);
            Assert.StartsWith("demo-", resource.Tags[Ownership.NameTag], StringComparison.Ordinal);
        });
        var sharedResources = graph.Resources.Where(r => shared.Contains(r.Kind)).ToList();
        Assert.Equal(["instance-profile/ecsInstanceRole"], sharedResources.Select(r => r.LogicalId)); // the execution role is the environment's own
        Assert.All(sharedResources, resource =>
        {
            Assert.False(resource.Tags.ContainsKey(Ownership.EnvironmentTag));
            Assert.False(resource.Tags.ContainsKey(Ownership.LogicalIdTag));
        });
        Assert.Equal("demo-ecs-app", graph.Find("log-group/ecs/app")!.Tags[Ownership.NameTag]);

        // Route53 records cannot be tagged: their TXT ownership record carries exactly the two ownership values.
        var record = graph.Find("dns-record/api.example.com")!;
        Assert.Equal([Ownership.EnvironmentTag, Ownership.LogicalIdTag], record.Tags.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_Should_GiveTheSameOrder_When_BuiltTwice()
    {
        var first = BuildSample();
        var second = BuildSample();

        Assert.Equal(first.Resources.Select(r => r.LogicalId), second.Resources.Select(r => r.LogicalId));
    }

    [Fact]
    public void Build_Should_LeaveOutRoutesAndNat_When_TheNetworkHasNeither()
    {
        var yaml = Mutate(Base, "    natGateway: { subnet: public-a }\n", string.Empty);
        var spec = Load(yaml);
        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));

        var (graph, errors) = GraphBuilder.Build(spec.Document!);

        Assert.Empty(errors);
        var ids = graph!.Resources.Select(r => r.LogicalId).ToList();
        Assert.DoesNotContain("nat-gateway/main", ids);
        Assert.DoesNotContain("elastic-ip/nat", ids);
        Assert.Empty(graph.Find("route-table/private")!.Items<Route>(RouteTableKind.Routes));
    }

    [Fact]
    public void TopologicalSort_Should_ReportTheCycle_When_ResourcesDependOnEachOther()
    {
        DesiredResource[] resources =
        [
            Resource(ResourceKinds.Vpc, "main"),
            Resource(ResourceKinds.Subnet, "a", "subnet/b", "vpc/main"),
            Resource(ResourceKinds.Subnet, "b", "subnet/c"),
            Resource(ResourceKinds.Subnet, "c", "subnet/a"),
        ];

        var (graph, errors) = GraphBuilder.TopologicalSort("test", "eu-west-1", resources);

        Assert.Null(graph);
        Assert.Equal(["dependency cycle among: subnet/a, subnet/b, subnet/c"], errors);
    }

    [Fact]
    public void TopologicalSort_Should_ReportTheMissingDependency_When_AResourceDependsOnAnUndefinedOne()
    {
        DesiredResource[] resources =
        [
            Resource(ResourceKinds.Subnet, "a", "vpc/main"),
            Resource(ResourceKinds.RouteTable, "public", "subnet/a", "internet-gateway/main"),
        ];

        var (graph, errors) = GraphBuilder.TopologicalSort("test", "eu-west-1", resources);

        Assert.Null(graph);
        Assert.Equal(
            ["subnet/a depends on vpc/main, which the spec does not define", "route-table/public depends on internet-gateway/main, which the spec does not define"],
            errors);
    }

    [Fact]
    public void TopologicalSort_Should_ReportTheDuplicate_When_ALogicalIdIsDefinedTwice()
    {
        DesiredResource[] resources = [Resource(ResourceKinds.Vpc, "main"), Resource(ResourceKinds.Vpc, "main")];

        var (graph, errors) = GraphBuilder.TopologicalSort("test", "eu-west-1", resources);

        Assert.Null(graph);
        Assert.Equal(["vpc/main is defined twice"], errors);
    }

    [Fact]
    public void TopologicalSort_Should_OrderReadyResourcesByKindRankThenId_When_TheyAreIndependent()
    {
        DesiredResource[] resources =
        [
            Resource(ResourceKinds.EcsService, "svc"),
            Resource(ResourceKinds.Subnet, "b", "vpc/main"),
            Resource(ResourceKinds.Subnet, "a", "vpc/main"),
            Resource(ResourceKinds.Vpc, "main"),
            Resource(ResourceKinds.IamRole, "role"),
        ];

        var (graph, errors) = GraphBuilder.TopologicalSort("test", "eu-west-1", resources);

        Assert.Empty(errors);
        Assert.Equal(["iam-role/role", "vpc/main", "subnet/a", "subnet/b", "ecs-service/svc"], graph!.Resources.Select(r => r.LogicalId));
    }

    [Fact]
    public void Build_Should_IgnoreTheServicesFieldsAndItsImages_When_TheServiceListsIgnoreChanges()
    {
        var yaml = Mutate("      taskDefinition: app\n", "      taskDefinition: app\n      ignoreChanges: [desiredCount, image]\n");
        var (graph, errors) = GraphBuilder.Build(Load(yaml).Document!);
        Assert.Empty(errors);

        Assert.Equal(["desiredCount"], graph!.Find("ecs-service/app")!.IgnoredFields);
        Assert.Equal(["containers.*.image"], graph.Find("task-definition/app")!.IgnoredFields);
        Assert.All(graph.Resources.Where(r => r.Kind != ResourceKinds.EcsService && r.Kind != ResourceKinds.TaskDefinition), r => Assert.Empty(r.IgnoredFields));
        Assert.True(graph.Find("task-definition/app")!.Ignores("containers.web.image"));
    }

    [Fact]
    public void Build_Should_DeclareTheRoleByItsName_When_TheExecutionRoleIsGivenAsAnArn()
    {
        // ECS answers the execution role as its ARN either way; the declared IAM role must be named by the role's name.
        var yaml = Mutate("      executionRole: ecsTaskExecutionRole\n", "      executionRole: arn:aws:iam::123456789012:role/service/ecsTaskExecutionRole\n");
        var (graph, errors) = GraphBuilder.Build(Load(yaml).Document!);
        Assert.Empty(errors);

        Assert.Equal("ecsTaskExecutionRole", graph!.Find("iam-role/ecsTaskExecutionRole")!.Get("name"));
        Assert.Equal("${iam-role/ecsTaskExecutionRole#arn}", graph.Find("task-definition/app")!.Get("executionRole"));
        Assert.Single(graph.Resources, r => r.Kind == ResourceKinds.IamRole);
    }

    [Fact]
    public void Build_Should_IgnoreNothing_When_TheServiceListsNoIgnoreChanges()
    {
        var (graph, _) = GraphBuilder.Build(Load(Base).Document!);

        Assert.All(graph!.Resources, r => Assert.Empty(r.IgnoredFields));
        Assert.Empty(graph.Find("ecs-service/app")!.Instructions);
    }

    [Fact]
    public void Build_Should_CarryTheBeforeDeployTasksAsAnInstruction_When_TheSampleRunsAMigration()
    {
        var service = Sample.Value.Find("ecs-service/app")!;

        var task = Assert.IsType<BeforeDeployTask>(Assert.Single(service.Instructions));

        Assert.Equal(("web", 600), (task.Container, task.TimeoutSeconds));
        Assert.Equal(new ContainerCommand(["python", "manage.py", "migrate"]), task.Command);
        Assert.DoesNotContain("beforeDeploy", service.Properties.Keys);
    }

    /// <summary>
    /// RDS stores DB instance identifiers and DB subnet group names in lower case
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html, API_CreateDBInstance.html);
    /// moto_server does the same, so WholeTopologyThroughLayerTests names the database App-db: before, its subnet group was
    /// replaced at every pass ("name cannot change in place").
    /// </summary>
    [Fact]
    public void Build_Should_NameTheDatabaseInLowerCase_When_ItsSpecNameHasCapitals()
    {
        var spec = Load(File.ReadAllText(SamplePath).Replace("    - name: app-db\n", "    - name: App-db\n", StringComparison.Ordinal)
            .Replace("database: app-db,", "database: App-db,", StringComparison.Ordinal));
        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));

        var (graph, errors) = GraphBuilder.Build(spec.Document!);

        Assert.Empty(errors);
        Assert.Equal("demo-app-db", graph!.Find("db-instance/App-db")!.Get("identifier"));
        Assert.Equal("demo-app-db", graph.Find("db-subnet-group/App-db")!.Get("name"));
    }

    /// <summary>
    /// The network kinds' definitions (which feed ReplaceOn and docs/kinds.md) name exactly the fields their expansions
    /// write: a field added to an expansion but not to its kind would be compared yet undocumented, and never replace.
    /// </summary>
    [Theory]
    [InlineData("vpc")]
    [InlineData("subnet")]
    [InlineData("internet-gateway")]
    [InlineData("elastic-ip")]
    [InlineData("nat-gateway")]
    [InlineData("route-table")]
    [InlineData("security-group")]
    public void Build_Should_WriteExactlyTheFieldsTheKindDeclares_When_TheSampleNetworkIsBuilt(string kindName)
    {
        var kind = ResourceKinds.Find(kindName)!;
        var written = Sample.Value.Resources.Where(r => r.Kind == kind).SelectMany(r => r.Properties.Keys).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(kind.Fields.Select(f => f.Name).Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
        Assert.All(kind.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Description), $"{kind.Name}.{f.Name} has no description"));
        Assert.False(string.IsNullOrWhiteSpace(kind.Summary));
    }

    private static ResourceGraph BuildSample()
    {
        var spec = SpecLoader.LoadFile(SamplePath);
        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        var (graph, errors) = GraphBuilder.Build(spec.Document!);
        Assert.Empty(errors);
        return graph!;
    }

    private static string[] Deps(ResourceGraph graph, string logicalId) => [.. graph.Find(logicalId)!.DependsOn];

    private static DesiredResource Resource(ResourceKind kind, string name, params string[] dependsOn) => new(
        kind,
        name,
        ImmutableSortedDictionary<string, FieldValue>.Empty,
        dependsOn.ToImmutableSortedSet(StringComparer.Ordinal),
        ImmutableSortedDictionary<string, string>.Empty);
}
