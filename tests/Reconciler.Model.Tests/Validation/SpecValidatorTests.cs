using Reconciler.Model.Validation;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Validation;

/// <summary>
/// The rules that need the whole document. Each case mutates one line of <see cref="TestSpecs.Base"/> and asserts
/// the error's field path, its FILE:LINE:COLUMN (computed from the mutated text) and its message.
/// </summary>
public sealed class SpecValidatorTests
{
    [Fact]
    public void Validate_Should_ReportNothing_When_TheBaseSpecIsValid()
    {
        var spec = Load(Base);

        Assert.Empty(spec.Diagnostics);
        Assert.True(spec.IsValid);
    }

    [Fact]
    public void Validate_Should_ReturnNoDiagnostics_When_CalledDirectlyOnTheBaseDocument()
    {
        var spec = Load(Base);

        var diagnostics = SpecValidator.Validate(spec.Document!, spec.Positions);

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("Test")]
    [InlineData("test_env")]
    [InlineData("t")]
    [InlineData("test-")]
    [InlineData("1test")]
    [InlineData("a-name-that-is-longer-than-forty-characters")]
    public void Validate_Should_RejectTheEnvironmentName_When_ItBreaksTheNamingRule(string name)
    {
        var yaml = Mutate("  name: test", "  name: " + name);

        var spec = Load(yaml);

        AssertError(spec, "metadata.name", (4, 9), $"'{name}' must be 2-40 characters of a-z, 0-9 and '-'");
    }

    [Theory]
    [InlineData("europe")]
    [InlineData("eu-west")]
    [InlineData("EU-WEST-1")]
    public void Validate_Should_RejectTheRegion_When_ItIsNotARegionName(string region)
    {
        var yaml = Mutate("  region: eu-west-1", "  region: " + region);

        var spec = Load(yaml);

        AssertError(spec, "spec.region", (6, 11), $"'{region}' is not an AWS region name");
    }

    [Theory]
    [InlineData("{ name: public-b, zone", "{ name: public-a, zone", "public-a, zone: eu-west-1b", "spec.network.subnets[1].name", "subnet 'public-a' is defined twice (first at spec.network.subnets[0])")]
    [InlineData("    - name: db\n", "    - name: web\n", "web\n      ingress:\n        - { protocol: tcp, port: 5432", "spec.securityGroups[1].name", "security group 'web' is defined twice (first at spec.securityGroups[0])")]
    [InlineData("- { name: app, port: 80 }", "- { name: app, port: 80 }\n        - { name: app, port: 8080 }", "app, port: 8080", "spec.loadBalancers[0].targetGroups[1].name", "target group 'app' is defined twice")]
    [InlineData("repositories:\n    - { name: app }", "repositories:\n    - { name: app }\n    - { name: app, scanOnPush: false }", "app, scanOnPush", "spec.repositories[1].name", "repository 'app' is defined twice (first at spec.repositories[0])")]
    [InlineData("clusters:\n    - { name: app }", "clusters:\n    - { name: app }\n    - { name: app, capacity: ec2 }", "app, capacity", "spec.clusters[1].name", "cluster 'app' is defined twice (first at spec.clusters[0])")]
    [InlineData("- { name: api, domain: api.example.com }", "- { name: api, domain: api.example.com }\n    - { name: api, domain: www.example.com }", "api, domain: www", "spec.certificates[1].name", "certificate 'api' is defined twice (first at spec.certificates[0])")]
    public void Validate_Should_ReportTheSecondDefinition_When_ANameIsUsedTwiceInOneKind(string find, string replace, string at, string path, string message)
    {
        var yaml = Mutate(find, replace);

        var spec = Load(yaml);

        AssertError(spec, path, PositionOf(yaml, at), message);
    }

    [Fact]
    public void Validate_Should_ReportTheSecondLogGroup_When_ALogGroupNameIsRepeated()
    {
        var yaml = Mutate("- { name: /ecs/app, retentionDays: 30 }", "- { name: /ecs/app, retentionDays: 30 }\n    - { name: /ecs/app }");

        var spec = Load(yaml);

        var at = PositionOf(yaml, "/ecs/app }\n  clusters");
        var errors = spec.Errors.Where(e => e.Path == "spec.logGroups[1].name").ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(at, (e.Mark.Line, e.Mark.Column)));
        Assert.Contains(errors, e => e.Message == "log group '/ecs/app' is defined twice (first at spec.logGroups[0])");
    }

    [Fact]
    public void Validate_Should_ReportTheSecondLogGroup_When_TwoNamesDifferOnlyByTheLeadingSlash()
    {
        // both would be the logical id log-group/ecs/app
        var yaml = Mutate("- { name: /ecs/app, retentionDays: 30 }", "- { name: /ecs/app, retentionDays: 30 }\n    - { name: ecs/app }");

        var spec = Load(yaml);

        AssertError(spec, "spec.logGroups[1].name", PositionOf(yaml, "ecs/app }\n  clusters"), "'ecs/app' differs from '/ecs/app' only by a leading '/'");
    }

    [Theory]
    [InlineData("natGateway: { subnet: public-a }", "natGateway: { subnet: public-x }", "public-x", "spec.network.natGateway.subnet", "no subnet named 'public-x' (did you mean 'public-a'?)")]
    [InlineData("subnets: [private-a, private-b]", "subnets: [private-a, privat-b]", "privat-b", "spec.databases[0].subnets[1]", "no subnet named 'privat-b' (did you mean 'private-b'?)")]
    [InlineData("subnets: [public-a, public-b]\n      securityGroups: [web]\n      instanceProfile", "subnets: [pubic-a, public-b]\n      securityGroups: [web]\n      instanceProfile", "pubic-a", "spec.hosts[0].subnets[0]", "no subnet named 'pubic-a' (did you mean 'public-a'?)")]
    [InlineData("subnets: [public-a, public-b]\n      securityGroups: [web]\n      listeners", "subnets: [public-a, public-z]\n      securityGroups: [web]\n      listeners", "public-z", "spec.loadBalancers[0].subnets[1]", "no subnet named 'public-z' (did you mean 'public-a'?)")]
    [InlineData("port: 5432, source: web }", "port: 5432, source: wbe }", "wbe", "spec.securityGroups[1].ingress[0].source", "no security group named 'wbe' (did you mean 'web'?)")]
    [InlineData("securityGroups: [db]", "securityGroups: [dbs]", "dbs", "spec.databases[0].securityGroups[0]", "no security group named 'dbs' (did you mean 'db'?)")]
    [InlineData("securityGroups: [web]\n      listeners", "securityGroups: [webb]\n      listeners", "webb", "spec.loadBalancers[0].securityGroups[0]", "no security group named 'webb' (did you mean 'web'?)")]
    [InlineData("certificate: api,", "certificate: apii,", "apii", "spec.loadBalancers[0].listeners[0].certificate", "no certificate named 'apii' (did you mean 'api'?)")]
    [InlineData("forward: app }", "forward: ap }", "ap }", "spec.loadBalancers[0].listeners[0].forward", "no target group of this load balancer named 'ap' (did you mean 'app'?)")]
    [InlineData("{ targetGroup: app,", "{ targetGroup: ap,", "ap,", "spec.services[0].loadBalancer.targetGroup", "no target group named 'ap' (did you mean 'app'?)")]
    [InlineData("target: { loadBalancer: app }", "target: { loadBalancer: apps }", "apps", "spec.dns.records[0].target.loadBalancer", "no load balancer named 'apps' (did you mean 'app'?)")]
    [InlineData("      cluster: app\n  dns:", "      cluster: ap\n  dns:", "ap\n  dns:", "spec.hosts[0].cluster", "no cluster named 'ap' (did you mean 'app'?)")]
    [InlineData("      cluster: app\n      taskDefinition", "      cluster: apps\n      taskDefinition", "apps", "spec.services[0].cluster", "no cluster named 'apps' (did you mean 'app'?)")]
    [InlineData("image: { repository: app,", "image: { repository: api,", "api, tag", "spec.taskDefinitions[0].containers[0].image.repository", "no repository named 'api' (did you mean 'app'?)")]
    [InlineData("logs: { group: /ecs/app }", "logs: { group: /ecs/ap }", "/ecs/ap }", "spec.taskDefinitions[0].containers[0].logs.group", "no log group named '/ecs/ap' (did you mean '/ecs/app'?)")]
    [InlineData("taskDefinition: app", "taskDefinition: apq", "apq", "spec.services[0].taskDefinition", "no task definition named 'apq' (did you mean 'app'?)")]
    [InlineData("container: web,", "container: wbe,", "wbe", "spec.services[0].loadBalancer.container", "no container in task definition 'app' named 'wbe' (did you mean 'web'?)")]
    [InlineData("container: web, containerPort: 8000", "container: web, containerPort: 8080", "8080", "spec.services[0].loadBalancer.containerPort", "container 'web' maps no containerPort 8080")]
    public void Validate_Should_ReportTheReferenceWithASuggestion_When_ItNamesNothing(string find, string replace, string at, string path, string message)
    {
        var yaml = Mutate(find, replace);

        var spec = Load(yaml);

        AssertError(spec, path, PositionOf(yaml, at), message);
    }

    [Fact]
    public void Validate_Should_OfferNoSuggestion_When_NoNameIsClose()
    {
        var yaml = Mutate("port: 5432, source: web }", "port: 5432, source: monitoring }");

        var spec = Load(yaml);

        var error = AssertError(spec, "spec.securityGroups[1].ingress[0].source", PositionOf(yaml, "monitoring"), "no security group named 'monitoring'");
        Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cidr: 10.0.0.0/16", "cidr: 10.0.0.1/16", "10.0.0.1/16", "spec.network.cidr", "'10.0.0.1/16' has host bits set; the network is 10.0.0.0/16")]
    [InlineData("cidr: 10.0.10.0/24", "cidr: 10.0.300.0/24", "10.0.300.0/24", "spec.network.subnets[2].cidr", "'10.0.300.0/24' is not a CIDR block ('300' is not an octet 0-255)")]
    [InlineData("cidr: 10.0.11.0/24", "cidr: 10.0.11.0", "10.0.11.0", "spec.network.subnets[3].cidr", "'10.0.11.0' is not a CIDR block (expected a.b.c.d/n)")]
    [InlineData("port: 443, cidr: 0.0.0.0/0", "port: 443, cidr: 0.0.0.0/33", "0.0.0.0/33", "spec.securityGroups[0].ingress[0].cidr", "expected a.b.c.d/n with n from 0 to 32")]
    [InlineData("cidr: 10.0.0.0/16", "cidr: 10.0.0.0/8", "10.0.0.0/8", "spec.network.cidr", "a VPC block must be between /16 and /28, not /8")]
    [InlineData("cidr: 10.0.1.0/24", "cidr: 10.0.2.0/29", "10.0.2.0/29", "spec.network.subnets[1].cidr", "a subnet block must be between /16 and /28, not /29")]
    public void Validate_Should_RejectTheCidr_When_ItIsMalformed(string find, string replace, string at, string path, string message)
    {
        var yaml = Mutate(find, replace);

        var spec = Load(yaml);

        AssertError(spec, path, PositionOf(yaml, at), message);
    }

    [Fact]
    public void Validate_Should_ReportTheSubnet_When_ItIsOutsideTheVpc()
    {
        var yaml = Mutate("cidr: 10.0.11.0/24", "cidr: 192.168.0.0/24");

        var spec = Load(yaml);

        AssertError(spec, "spec.network.subnets[3].cidr", PositionOf(yaml, "192.168.0.0/24"), "192.168.0.0/24 is outside the VPC's 10.0.0.0/16");
    }

    [Fact]
    public void Validate_Should_ReportTheLaterSubnet_When_TwoSubnetsOverlap()
    {
        var yaml = Mutate("cidr: 10.0.1.0/24", "cidr: 10.0.0.128/25");

        var spec = Load(yaml);

        AssertError(spec, "spec.network.subnets[1].cidr", PositionOf(yaml, "10.0.0.128/25"), "10.0.0.128/25 overlaps subnet 'public-a' (10.0.0.0/24)");
        Assert.DoesNotContain(spec.Diagnostics, d => d.Path == "spec.network.subnets[0].cidr");
    }

    [Theory]
    [InlineData("eu-west-2b")]
    [InlineData("eu-west-1")]
    [InlineData("eu-west-1bb")]
    public void Validate_Should_RejectTheZone_When_ItIsNotInTheRegion(string zone)
    {
        var yaml = Mutate("zone: eu-west-1b, cidr: 10.0.1.0/24", $"zone: {zone}, cidr: 10.0.1.0/24");

        var spec = Load(yaml);

        AssertError(spec, "spec.network.subnets[1].zone", PositionOf(yaml, zone + ", cidr"), $"'{zone}' is not an availability zone of eu-west-1 (e.g. eu-west-1a)");
    }

    [Fact]
    public void Validate_Should_ReportTheLoadBalancer_When_ItSpansFewerThanTwoZones()
    {
        var yaml = Mutate("subnets: [public-a, public-b]\n      securityGroups: [web]\n      listeners", "subnets: [public-a]\n      securityGroups: [web]\n      listeners");

        var spec = Load(yaml);

        AssertError(spec, "spec.loadBalancers[0].subnets", PositionOf(yaml, "[public-a]"), "an application load balancer must span at least two availability zones");
    }

    [Fact]
    public void Validate_Should_ReportTheLoadBalancer_When_ItIsInternetFacingInPrivateSubnets()
    {
        var yaml = Mutate("subnets: [public-a, public-b]\n      securityGroups: [web]\n      listeners", "subnets: [private-a, private-b]\n      securityGroups: [web]\n      listeners");

        var spec = Load(yaml);

        AssertError(spec, "spec.loadBalancers[0].subnets", PositionOf(yaml, "[private-a, private-b]\n      securityGroups: [web]"), "an internet-facing load balancer must be in public subnets");
    }

    [Fact]
    public void Validate_Should_ReportTheListener_When_HttpsHasNoCertificate()
    {
        var yaml = Mutate("{ protocol: HTTPS, port: 443, certificate: api, forward: app }", "{ protocol: HTTPS, port: 443, forward: app }");

        var spec = Load(yaml);

        AssertError(spec, "spec.loadBalancers[0].listeners[0]", PositionOf(yaml, "{ protocol: HTTPS"), "an HTTPS listener needs a certificate");
    }

    [Fact]
    public void Validate_Should_ReportTheCertificate_When_AnHttpListenerHasOne()
    {
        var yaml = Mutate("{ protocol: HTTP, port: 80, redirect: https }", "{ protocol: HTTP, port: 80, certificate: api, redirect: https }");

        var spec = Load(yaml);

        AssertError(spec, "spec.loadBalancers[0].listeners[1].certificate", PositionOf(yaml, "api, redirect"), "an HTTP listener takes no certificate");
    }

    [Fact]
    public void Validate_Should_ReportTheSecondListener_When_TwoListenersShareAPort()
    {
        var yaml = Mutate("{ protocol: HTTP, port: 80, redirect: https }", "{ protocol: HTTP, port: 443, redirect: https }");

        var spec = Load(yaml);

        AssertError(spec, "spec.loadBalancers[0].listeners[1].port", PositionOf(yaml, "443, redirect"), "two listeners on port 443");
    }

    [Fact]
    public void Validate_Should_ReportEachPublicSubnet_When_ThereIsNoInternetGateway()
    {
        var yaml = Mutate("internetGateway: true", "internetGateway: false");

        var spec = Load(yaml);

        AssertError(spec, "spec.network.subnets[0].public", PositionOf(yaml, "true }", after: "public-a, zone"), "a public subnet needs spec.network.internetGateway: true");
        AssertError(spec, "spec.network.subnets[1].public", PositionOf(yaml, "true }", after: "public-b, zone"), "a public subnet needs spec.network.internetGateway: true");
        Assert.Equal(2, spec.Errors.Count());
    }

    [Fact]
    public void Validate_Should_ReportTheNatGateway_When_ItIsInAPrivateSubnet()
    {
        var yaml = Mutate("natGateway: { subnet: public-a }", "natGateway: { subnet: private-a }");

        var spec = Load(yaml);

        AssertError(spec, "spec.network.natGateway.subnet", PositionOf(yaml, "private-a }"), "the NAT gateway must be in a public subnet; 'private-a' is private");
    }

    [Fact]
    public void Validate_Should_ReportTheDatabaseSubnets_When_TheyCoverOneZone()
    {
        var yaml = Mutate("subnets: [private-a, private-b]", "subnets: [private-a]");

        var spec = Load(yaml);

        AssertError(spec, "spec.databases[0].subnets", PositionOf(yaml, "[private-a]"), "a DB subnet group must cover at least two availability zones");
    }

    [Fact]
    public void Validate_Should_ReportThePhysicalNames_When_TheEnvironmentNameMakesThemTooLong()
    {
        const string env = "a-rather-long-environment-name";
        var yaml = Mutate("  name: test", "  name: " + env);

        var spec = Load(yaml);

        Assert.Equal(34, (env + "-app").Length);
        AssertError(spec, "spec.loadBalancers[0].name", PositionOf(yaml, "app", after: "loadBalancers:"), $"the load balancer name '{env}-app' (environment-name) breaks AWS's rule: at most 32 characters");
        AssertError(spec, "spec.loadBalancers[0].targetGroups[0].name", PositionOf(yaml, "app, port: 80"), $"the target group name '{env}-app'");
        Assert.DoesNotContain(spec.Diagnostics, d => d.Path == "metadata.name");
    }

    // ELBv2 API reference, CreateTargetGroup / CreateLoadBalancer Name: alphanumeric or hyphens, "must not begin or end
    // with a hyphen", and a load balancer's "must not begin with \"internal-\"". AWS answers ValidationError (played by
    // the behaviours layer's NameRulesRule); the spec must refuse such names before any call.
    [Fact]
    public void Validate_Should_RefuseTheTargetGroupName_When_ItEndsWithAHyphen()
    {
        var yaml = Mutate("{ name: app, port: 80 }", "{ name: app-, port: 80 }");

        var spec = Load(yaml);

        AssertError(spec, "spec.loadBalancers[0].targetGroups[0].name", PositionOf(yaml, "app-, port: 80"), "the target group name 'test-app-' (environment-name) breaks AWS's rule");
    }

    [Fact]
    public void Validate_Should_RefuseTheLoadBalancerName_When_TheEnvironmentMakesItBeginWithInternal()
    {
        var yaml = Mutate("  name: test", "  name: internal");

        var spec = Load(yaml);

        AssertError(spec, "spec.loadBalancers[0].name", PositionOf(yaml, "app", after: "loadBalancers:"), "the load balancer name 'internal-app' (environment-name) breaks AWS's rule: it must not begin with 'internal-'");
        Assert.DoesNotContain(spec.Diagnostics, d => d.Path == "spec.loadBalancers[0].targetGroups[0].name");
    }

    [Theory]
    [InlineData(31)]
    [InlineData(0)]
    [InlineData(10000)]
    public void Validate_Should_RejectTheRetention_When_CloudWatchLogsDoesNotOfferIt(int days)
    {
        var yaml = Mutate("retentionDays: 30", $"retentionDays: {days}");

        var spec = Load(yaml);

        AssertError(spec, "spec.logGroups[0].retentionDays", PositionOf(yaml, $"{days} }}", after: "retentionDays:"), $"{days} is not a retention CloudWatch Logs offers; pick one of 1, 3, 5, 7, 14, 30");
    }

    [Theory]
    [InlineData("DB_PASSWORD")]
    [InlineData("stripe_api_key")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("DJANGO_SECRET_KEY")]
    public void Validate_Should_ReportTheVariableWithoutItsValue_When_AnEnvironmentVariableLooksLikeASecret(string name)
    {
        const string secret = "hunter2-Zq81x";
        var yaml = Mutate("environment: { MODE: production }", $"environment: {{ MODE: production, {name}: {secret} }}");

        var spec = Load(yaml);

        AssertError(spec, $"spec.taskDefinitions[0].containers[0].environment.{name}", PositionOf(yaml, secret), "looks like a secret");
        Assert.All(spec.Diagnostics, d => Assert.DoesNotContain(secret, d.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Should_AcceptASecretName_When_ItsValueIsEmpty()
    {
        var yaml = Mutate("environment: { MODE: production }", "environment: { MODE: production, DB_PASSWORD: \"\" }");

        var spec = Load(yaml);

        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
    }

    [Fact]
    public void Validate_Should_CheckSecretSources_When_SecretsAreNamed()
    {
        var yaml = Mutate("environment: { MODE: production }", "environment: { MODE: production }\n          secrets: { DB_PASSWORD: /app/db-password, API_KEY: hunter2 }");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].containers[0].secrets.API_KEY", PositionOf(yaml, "hunter2"), "must be an SSM parameter name (/path/name) or an SSM or Secrets Manager ARN");
        Assert.DoesNotContain(spec.Diagnostics, d => d.Path.EndsWith("DB_PASSWORD", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Should_ReportTheSoftLimit_When_MemoryReservationIsAboveMemory()
    {
        var yaml = Mutate("memoryReservation: 256", "memoryReservation: 1024");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].containers[0].memoryReservation", PositionOf(yaml, "1024"), "the soft limit 1024 is above the hard limit 512");
    }

    [Fact]
    public void Validate_Should_ReportTheContainer_When_ItHasNoMemoryLimit()
    {
        var yaml = Mutate("          memory: 512\n          memoryReservation: 256\n", string.Empty);

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].containers[0]", PositionOf(yaml, "name: web", after: "containers:"), "give memory (hard limit), memoryReservation (soft limit) or both");
    }

    [Fact]
    public void Validate_Should_WarnAboutSsh_When_Port22IsOpenToTheInternet()
    {
        var yaml = Mutate("{ protocol: tcp, port: 443, cidr: 0.0.0.0/0 }", "{ protocol: tcp, port: 443, cidr: 0.0.0.0/0 }\n        - { protocol: tcp, port: 20, toPort: 23, cidr: 0.0.0.0/0 }");

        var spec = Load(yaml);

        AssertWarning(spec, "spec.securityGroups[0].ingress[1]", PositionOf(yaml, "{ protocol: tcp, port: 20"), "port 20 is open to the whole internet (0.0.0.0/0)");
        Assert.True(spec.IsValid);
    }

    [Fact]
    public void Validate_Should_ReportTheSecondRule_When_ARuleIsListedTwice()
    {
        var yaml = Mutate("{ protocol: tcp, port: 5432, source: web }", "{ protocol: tcp, port: 5432, source: web }\n        - { protocol: tcp, port: 5432, toPort: 5432, source: web }");

        var spec = Load(yaml);

        AssertError(spec, "spec.securityGroups[1].ingress[1]", PositionOf(yaml, "{ protocol: tcp, port: 5432, toPort"), "the same rule is listed twice");
    }

    [Fact]
    public void Validate_Should_ReportTheElasticIp_When_AHostIsInAPrivateSubnet()
    {
        var yaml = Mutate("subnets: [public-a, public-b]\n      securityGroups: [web]\n      instanceProfile", "subnets: [private-a]\n      elasticIp: true\n      securityGroups: [web]\n      instanceProfile");

        var spec = Load(yaml);

        AssertError(spec, "spec.hosts[0].elasticIp", PositionOf(yaml, "true", after: "elasticIp:"), "an Elastic IP is reachable only in a public subnet");
    }

    [Theory]
    [InlineData("reconciler:owner")]
    [InlineData("aws:cloudformation:stack-name")]
    [InlineData("AWS:x")]
    public void Validate_Should_RejectTheTag_When_ItsKeyIsReserved(string key)
    {
        var yaml = Mutate("tags: { project: test }", $"tags: {{ project: test, \"{key}\": me }}");

        var spec = Load(yaml);

        AssertError(spec, "spec.tags." + key, PositionOf(yaml, "me }"), $"tag key '{key}' is reserved");
    }

    [Fact]
    public void Validate_Should_ReportTheSpec_When_ResourcesNeedANetworkThatIsMissing()
    {
        var network = Base[Base.IndexOf("  network:", StringComparison.Ordinal)..Base.IndexOf("  securityGroups:", StringComparison.Ordinal)];
        var yaml = Mutate(network, string.Empty);

        var spec = Load(yaml);

        AssertError(spec, "spec", (6, 3), "security groups, hosts, databases and load balancers need spec.network");
    }

    // Fargate and awsvpc are refused at load: AWS requires for them what this build does not send (awsvpc, task-level
    // cpu/memory, a network configuration; ECS developer guide, "Amazon ECS task definition parameters for Fargate").
    [Theory]
    [InlineData("clusters:\n    - { name: app }", "clusters:\n    - { name: app, capacity: fargate }", "fargate }", "spec.clusters[0].capacity", "'fargate' is not supported by this build: Fargate needs the awsvpc network mode, task-level cpu/memory and a network configuration")]
    [InlineData("      taskDefinition: app\n", "      taskDefinition: app\n      launchType: FARGATE\n", "FARGATE", "spec.services[0].launchType", "'FARGATE' is not supported by this build: Fargate needs")]
    [InlineData("      executionRole: ecsTaskExecutionRole\n", "      executionRole: ecsTaskExecutionRole\n      networkMode: awsvpc\n", "awsvpc", "spec.taskDefinitions[0].networkMode", "'awsvpc' is not supported by this build: awsvpc tasks need a network configuration")]
    public void Validate_Should_RefuseFargateAndAwsvpcNamingTheField_When_TheSpecAsksForThem(string find, string replace, string at, string path, string message)
    {
        var yaml = Mutate(find, replace);

        var spec = Load(yaml);

        Assert.False(spec.IsValid);
        AssertError(spec, path, PositionOf(yaml, at), message);
    }

    [Fact]
    public void Validate_Should_ReportTheSecrets_When_TheTaskDefinitionHasNoExecutionRole()
    {
        // ECS reads secrets with the task execution role (ECS developer guide, "Amazon ECS task execution IAM role"):
        // RegisterTaskDefinition refuses secrets without one.
        var yaml = Mutate(Mutate("      executionRole: ecsTaskExecutionRole\n", string.Empty),
            "environment: { MODE: production }", "environment: { MODE: production }\n          secrets: { DB_PASSWORD: /app/db-password }");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].containers[0].secrets", PositionOf(yaml, "{ DB_PASSWORD"), "give the task definition an executionRole");
    }

    [Fact]
    public void Validate_Should_AcceptSecrets_When_TheTaskDefinitionHasAnExecutionRole()
    {
        var yaml = Mutate("environment: { MODE: production }", "environment: { MODE: production }\n          secrets: { DB_PASSWORD: /app/db-password }");

        var spec = Load(yaml);

        Assert.Empty(spec.Diagnostics);
    }

    // Other partitions have their own endpoints (amazonaws.com.cn), ARNs and signing regions, which this build lacks.
    [Theory]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("us-isob-east-1", "aws-iso")]
    public void Validate_Should_RefuseTheRegion_When_ItIsInAnotherPartition(string region, string partition)
    {
        var yaml = Mutate("  region: eu-west-1", "  region: " + region);

        var spec = Load(yaml);

        AssertError(spec, "spec.region", (6, 11), $"'{region}' is in the {partition} partition, which this build does not support");
    }

    [Fact]
    public void Validate_Should_RejectTheTaskRole_When_ItIsAnArnOfAnotherPartition()
    {
        var yaml = Mutate("      executionRole: ecsTaskExecutionRole\n", "      executionRole: ecsTaskExecutionRole\n      taskRole: arn:aws-cn:iam::123456789012:role/app\n");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].taskRole", PositionOf(yaml, "arn:aws-cn"), "is not an IAM role name");
    }

    [Fact]
    public void Validate_Should_NameTheContainers_When_ABeforeDeployTaskNamesAnUnknownContainer()
    {
        var yaml = Mutate("      taskDefinition: app\n", "      taskDefinition: app\n      beforeDeploy: [ { container: wbe, command: [python, manage.py, migrate] } ]\n");

        var spec = Load(yaml);

        AssertError(spec, "spec.services[0].beforeDeploy[0].container", PositionOf(yaml, "wbe"), "no container in task definition 'app' named 'wbe' (did you mean 'web'?)");
    }

    [Fact]
    public void Validate_Should_AskForACommand_When_ABeforeDeployTaskHasAnEmptyOne()
    {
        var yaml = Mutate("      taskDefinition: app\n", "      taskDefinition: app\n      beforeDeploy: [ { container: web, command: [] } ]\n");

        var spec = Load(yaml);

        Assert.Contains(spec.Errors, d => d.Path == "spec.services[0].beforeDeploy[0].command" && d.Message.Contains("give the command to run", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Should_AcceptABeforeDeployTask_When_ItNamesAContainerOfTheService()
    {
        var yaml = Mutate("      taskDefinition: app\n", "      taskDefinition: app\n      beforeDeploy: [ { container: web, command: [python, manage.py, migrate] } ]\n");

        var spec = Load(yaml);

        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        var task = Assert.Single(spec.Document!.Spec.Services[0].BeforeDeploy);
        Assert.Equal(("web", 600), (task.Container, task.TimeoutSeconds));
        Assert.Equal(["python", "manage.py", "migrate"], task.Command);
    }

    [Fact]
    public void Validate_Should_SuggestAnIgnorableField_When_IgnoreChangesNamesAnotherOne()
    {
        var yaml = Mutate("      taskDefinition: app\n", "      taskDefinition: app\n      ignoreChanges: [desiredCnt]\n");

        var spec = Load(yaml);

        AssertError(spec, "spec.services[0].ignoreChanges[0]", PositionOf(yaml, "desiredCnt"), "'desiredCnt' cannot be ignored; one of desiredCount, taskDefinition, image (did you mean 'desiredCount'?)");
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("admin")]
    [InlineData("1user")]
    public void Validate_Should_RejectTheMasterUsername_When_ItIsReservedOrMalformed(string user)
    {
        var yaml = Mutate("masterUsername: app", "masterUsername: " + user);

        var spec = Load(yaml);

        AssertError(spec, "spec.databases[0].masterUsername", PositionOf(yaml, user, after: "masterUsername:"), "not a reserved name");
    }

    [Fact]
    public void Validate_Should_ReportTheCertificateDomain_When_ItIsOutsideTheZone()
    {
        var yaml = Mutate("domain: api.example.com", "domain: api.example.org");

        var spec = Load(yaml);

        AssertError(spec, "spec.certificates[0].domain", PositionOf(yaml, "api.example.org"), "'api.example.org' is not inside the zone 'example.com'");
    }

    [Fact]
    public void Validate_Should_WarnAboutTheDatabase_When_ItIsPublicAndUnprotected()
    {
        var yaml = Mutate("securityGroups: [db]", "securityGroups: [db]\n      publiclyAccessible: true\n      deletionProtection: false");

        var spec = Load(yaml);

        AssertWarning(spec, "spec.databases[0].publiclyAccessible", PositionOf(yaml, "true", after: "publiclyAccessible:"), "reachable from the internet");
        AssertWarning(spec, "spec.databases[0].deletionProtection", PositionOf(yaml, "false", after: "deletionProtection:"), "deletion protection is off");
        Assert.True(spec.IsValid);
    }
}
