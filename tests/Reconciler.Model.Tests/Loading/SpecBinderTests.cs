using Reconciler.Model.Spec;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Loading;

/// <summary>Types, required fields, unknown keys and choices: the checks made while the YAML tree is bound.</summary>
public sealed class SpecBinderTests
{
    [Fact]
    public void Bind_Should_ReportAnUnknownFieldWithASuggestion_When_AKnownFieldIsMisspelt()
    {
        var yaml = Mutate("      securityGroups: [web]\n      listeners:", "      securityGroups: [web]\n      schem: internal\n      listeners:");

        var spec = Load(yaml);

        AssertError(spec, "spec.loadBalancers[0].schem", PositionOf(yaml, "schem:"), "unknown field (did you mean 'scheme'?)");
        Assert.Single(spec.Diagnostics);
    }

    [Fact]
    public void Bind_Should_ReportAnUnknownFieldWithoutSuggestion_When_NothingIsClose()
    {
        var yaml = Mutate("  prune: false", "  prune: false\n  colour: red");

        var spec = Load(yaml);

        var error = AssertError(spec, "spec.colour", PositionOf(yaml, "colour"), "unknown field");
        Assert.Equal("unknown field", error.Message);
    }

    [Fact]
    public void Bind_Should_ReportAWrongType_When_AWholeNumberFieldHoldsText()
    {
        var yaml = Mutate("storageGiB: 20", "storageGiB: lots");

        var spec = Load(yaml);

        AssertError(spec, "spec.databases[0].storageGiB", PositionOf(yaml, "lots"), "expected a whole number, found 'lots'");
    }

    [Fact]
    public void Bind_Should_ReportAWrongType_When_AWholeNumberIsQuoted()
    {
        var yaml = Mutate("count: 2", "count: \"2\"");

        var spec = Load(yaml);

        AssertError(spec, "spec.hosts[0].count", PositionOf(yaml, "\"2\""), "expected a whole number, found '2'");
    }

    [Fact]
    public void Bind_Should_ReportAWrongType_When_AListFieldHoldsAMapping()
    {
        var yaml = Mutate("securityGroups: [web]\n      instanceProfile", "securityGroups: { web: true }\n      instanceProfile");

        var spec = Load(yaml);

        AssertError(spec, "spec.hosts[0].securityGroups", PositionOf(yaml, "{ web: true }"), "expected a list, found a mapping");
        Assert.Single(spec.Diagnostics);
    }

    [Fact]
    public void Bind_Should_ReportTheItem_When_AListOfNamesHoldsAMapping()
    {
        var yaml = Mutate("securityGroups: [web]\n      instanceProfile", "securityGroups: [web, { name: db }]\n      instanceProfile");

        var spec = Load(yaml);

        AssertError(spec, "spec.hosts[0].securityGroups[1]", PositionOf(yaml, "{ name: db }"), "expected a string, found a mapping");
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("\"true\"")]
    public void Bind_Should_ReportAWrongType_When_ABooleanFieldHoldsSomethingElse(string value)
    {
        var yaml = Mutate("internetGateway: true", "internetGateway: " + value);

        var spec = Load(yaml);

        AssertError(spec, "spec.network.internetGateway", PositionOf(yaml, value, after: "internetGateway:"), "expected true or false, found '" + value.Trim('"') + "'");
    }

    [Fact]
    public void Bind_Should_ReportAWrongType_When_AStringFieldHoldsAMapping()
    {
        var yaml = Mutate("  region: eu-west-1", "  region: { name: eu-west-1 }");

        var spec = Load(yaml);

        AssertError(spec, "spec.region", PositionOf(yaml, "{ name: eu-west-1 }"), "expected a string, found a mapping");
    }

    [Fact]
    public void Bind_Should_ReportAWrongType_When_AMappingFieldHoldsAScalar()
    {
        var yaml = Mutate("metadata:\n  name: test", "metadata: test");

        var spec = Load(yaml);

        AssertError(spec, "metadata", PositionOf(yaml, "test", after: "metadata:"), "expected a mapping, found a scalar");
        Assert.Null(spec.Document);
    }

    [Fact]
    public void Bind_Should_ReportAMissingRequiredFieldAtItsMapping_When_TheFieldIsAbsent()
    {
        var yaml = Mutate("  region: eu-west-1\n", string.Empty);

        var spec = Load(yaml);

        // the spec mapping starts at its first key, now prune
        AssertError(spec, "spec.region", PositionOf(yaml, "prune: false"), "missing required field");
        Assert.False(spec.IsValid);
    }

    [Fact]
    public void Bind_Should_ReportAMissingRequiredField_When_ItIsNull()
    {
        var yaml = Mutate("      instanceType: t3.small", "      instanceType: ~");

        var spec = Load(yaml);

        AssertError(spec, "spec.hosts[0].instanceType", PositionOf(yaml, "name: ecs"), "missing required field");
    }

    [Fact]
    public void Bind_Should_ReportEachMissingTopLevelField_When_TheDocumentIsAnEmptyMapping()
    {
        var spec = Load("{}\n");

        Assert.Equal(
            ["apiVersion", "kind", "metadata", "spec"],
            spec.Errors.Select(e => e.Path));
        Assert.All(spec.Errors, e => Assert.Equal(("missing required field", 1, 1), (e.Message, e.Mark.Line, e.Mark.Column)));
        Assert.Null(spec.Document);
    }

    [Fact]
    public void Bind_Should_RejectTheApiVersion_When_ItIsNotSupported()
    {
        var yaml = Mutate("apiVersion: reconciler/v1", "apiVersion: reconciler/v2");

        var spec = Load(yaml);

        AssertError(spec, "apiVersion", (1, 13), "'reconciler/v2' is not supported: use reconciler/v1");
    }

    [Fact]
    public void Bind_Should_RejectTheKind_When_ItIsNotEnvironment()
    {
        var yaml = Mutate("kind: Environment", "kind: Deployment");

        var spec = Load(yaml);

        AssertError(spec, "kind", (2, 7), "'Deployment' is not supported: use Environment");
    }

    [Fact]
    public void Bind_Should_ReportAnUnknownProtocolWithASuggestion_When_AChoiceIsMisspelt()
    {
        var yaml = Mutate("{ protocol: tcp, port: 443,", "{ protocol: tcpp, port: 443,");

        var spec = Load(yaml);

        AssertError(spec, "spec.securityGroups[0].ingress[0].protocol", PositionOf(yaml, "tcpp"), "'tcpp' is not one of tcp, udp, icmp, all (did you mean 'tcp'?)");
    }

    [Fact]
    public void Bind_Should_NormaliseAChoice_When_ItIsWrittenInAnotherCase()
    {
        var yaml = Mutate("{ protocol: tcp, port: 443,", "{ protocol: TCP, port: 443,");
        yaml = Mutate(yaml, "  prune: false", "  prune: false\n  mode: Detect");

        var spec = Load(yaml);

        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        Assert.Equal("tcp", spec.Document!.Spec.SecurityGroups[0].Ingress[0].Protocol);
        Assert.Equal(EnvironmentMode.Detect, spec.Document.Spec.Mode);
    }

    [Theory]
    [InlineData("{ protocol: tcp, port: 443,", "{ protocol: tcp, port: 70000,", "70000", "spec.securityGroups[0].ingress[0].port", "70000 is out of range 0-65535")]
    [InlineData("{ protocol: tcp, port: 443,", "{ protocol: tcp, port: -1,", "-1", "spec.securityGroups[0].ingress[0].port", "-1 is out of range 0-65535")]
    [InlineData("{ protocol: HTTP, port: 80,", "{ protocol: HTTP, port: 0,", "0,", "spec.loadBalancers[0].listeners[1].port", "0 is out of range 1-65535")]
    [InlineData("containerPort: 8000 } ]", "containerPort: 65536 } ]", "65536", "spec.taskDefinitions[0].containers[0].portMappings[0].containerPort", "65536 is out of range 1-65535")]
    public void Bind_Should_ReportThePort_When_ItIsOutOfRange(string find, string replace, string at, string path, string message)
    {
        var yaml = Mutate(find, replace);

        var spec = Load(yaml);

        AssertError(spec, path, PositionOf(yaml, at, after: replace), message);
    }

    [Fact]
    public void Bind_Should_ReportTheRule_When_ItGivesBothCidrAndSource()
    {
        var yaml = Mutate("{ protocol: tcp, port: 5432, source: web }", "{ protocol: tcp, port: 5432, source: web, cidr: 10.0.0.0/16 }");

        var spec = Load(yaml);

        AssertError(spec, "spec.securityGroups[1].ingress[0]", PositionOf(yaml, "{ protocol: tcp, port: 5432"), "give exactly one of cidr or source");
    }

    [Fact]
    public void Bind_Should_ReportTheRange_When_ToPortIsBelowPort()
    {
        var yaml = Mutate("{ protocol: tcp, port: 443, cidr", "{ protocol: tcp, port: 443, toPort: 80, cidr");

        var spec = Load(yaml);

        AssertError(spec, "spec.securityGroups[0].ingress[0].toPort", PositionOf(yaml, "80, cidr"), "toPort 80 is below port 443");
    }

    [Fact]
    public void Bind_Should_ReportTheListener_When_ItBothForwardsAndRedirects()
    {
        var yaml = Mutate("{ protocol: HTTP, port: 80, redirect: https }", "{ protocol: HTTP, port: 80, redirect: https, forward: app }");

        var spec = Load(yaml);

        AssertError(spec, "spec.loadBalancers[0].listeners[1]", PositionOf(yaml, "{ protocol: HTTP, port: 80"), "give exactly one of forward (a target group) or redirect: https");
    }

    [Fact]
    public void Bind_Should_ApplyDefaultsAndReadEveryField_When_TheBaseSpecIsBound()
    {
        var spec = Load(Base);

        var doc = Assert.IsType<EnvironmentDocument>(spec.Document);
        Assert.Equal(("reconciler/v1", "Environment", "test", TestSpecs.FileName), (doc.ApiVersion, doc.Kind, doc.Name, doc.SourceFile));
        Assert.Equal(EnvironmentMode.Enforce, doc.Spec.Mode);
        Assert.Equal("test", doc.Spec.Tags["project"]);
        Assert.Equal(["public-a", "public-b", "private-a", "private-b"], doc.Spec.Network!.Subnets.Select(s => s.Name));
        Assert.Equal([true, true, false, false], doc.Spec.Network.Subnets.Select(s => s.Public));
        Assert.Equal("Managed by reconciler: db", doc.Spec.SecurityGroups[1].Description);
        Assert.Null(doc.Spec.SecurityGroups[0].Egress);
        var db = Assert.Single(doc.Spec.Databases);
        Assert.Equal(("16", 20, true, 7, false), (db.EngineVersion, db.StorageGiB, db.DeletionProtection, db.BackupRetentionDays, db.AllowReplacement));
        Assert.Equal(HealthCheckSpec.Default, doc.Spec.LoadBalancers[0].TargetGroups[0].HealthCheck);
        Assert.Equal("internet-facing", doc.Spec.LoadBalancers[0].Scheme);
        var container = doc.Spec.TaskDefinitions[0].Containers[0];
        Assert.Equal(new ImageSpec("app", "v1", null), container.Image);
        Assert.Equal(new ContainerLogsSpec("/ecs/app", "ecs"), container.Logs);
        Assert.Equal(new PortMappingSpec(80, 8000, "tcp"), Assert.Single(container.PortMappings));
        Assert.Equal(new ServiceLoadBalancerSpec("app", "web", 8000), doc.Spec.Services[0].LoadBalancer);
        Assert.Equal(1, doc.Spec.Services[0].DesiredCount);
    }

    [Fact]
    public void Bind_Should_AcceptAFullImageReference_When_TheImageIsAString()
    {
        var yaml = Mutate("image: { repository: app, tag: v1 }", "image: public.ecr.aws/nginx/nginx:1.27");

        var spec = Load(yaml);

        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        Assert.Equal(new ImageSpec(null, string.Empty, "public.ecr.aws/nginx/nginx:1.27"), spec.Document!.Spec.TaskDefinitions[0].Containers[0].Image);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    public void Bind_Should_ReadPruneGrace_When_ItIsAWholeNumberOfSecondsMinutesOrHours(string text, int seconds)
    {
        var spec = Load(Mutate("  prune: false", $"  prune: false\n  pruneGrace: {text}"));

        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        Assert.Equal(TimeSpan.FromSeconds(seconds), spec.Document!.Spec.PruneGrace);
        Assert.Null(Load(Base).Document!.Spec.PruneGrace); // absent: the controller's --prune-grace
    }

    [Theory]
    [InlineData("10 minutes", "expected a duration such as 90s, 10m or 1h, found '10 minutes'")]
    [InlineData("1.5h", "expected a duration such as 90s, 10m or 1h")]
    [InlineData("0s", "0s is out of range 1s-168h")]
    [InlineData("8000h", "8000h is out of range 1s-168h")]
    public void Bind_Should_ReportWhereAndWhy_When_PruneGraceIsNotADurationInRange(string text, string message)
    {
        var yaml = Mutate("  prune: false", $"  prune: false\n  pruneGrace: {text}");

        var spec = Load(yaml);

        AssertError(spec, "spec.pruneGrace", PositionOf(yaml, text), message);
    }
}
