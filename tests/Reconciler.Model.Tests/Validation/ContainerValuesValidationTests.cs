using Reconciler.Model.Graph;
using Reconciler.Model.Spec;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Validation;

/// <summary>
/// Container environment values and secrets taken from other resources (bound to typed records, checked against the
/// spec with located errors), and task-level cpu and memory (EC2 launch type: within the hosts' instance type).
/// </summary>
public sealed class ContainerValuesValidationTests
{
    private const string Environment = "          environment: { MODE: production }";

    private static string WithEnvironment(string entries) => Mutate(Environment, "          environment:\n" + entries);

    [Fact]
    public void Bind_Should_ReadTypedReferences_When_EnvironmentAndSecretsNameResources()
    {
        var yaml = WithEnvironment(
            "            MODE: production\n" +
            "            DATABASE_HOST: { database: app-db, attribute: address }\n" +
            "            API_HOST: { loadBalancer: app, attribute: dnsName }\n" +
            "          secrets:\n" +
            "            DATABASE_PASSWORD: { database: app-db, key: password }");

        var spec = Load(yaml);

        Assert.Empty(spec.Diagnostics);
        var container = spec.Document!.Spec.TaskDefinitions[0].Containers[0];
        Assert.Equal("production", container.Environment["MODE"]);
        Assert.Equal(new ResourceValueSpec("database", "app-db", "address"), container.EnvironmentFrom["DATABASE_HOST"]);
        Assert.Equal(new ResourceValueSpec("loadBalancer", "app", "dnsName"), container.EnvironmentFrom["API_HOST"]);
        Assert.Equal(new DatabaseSecretSpec("app-db", "password"), container.SecretsFrom["DATABASE_PASSWORD"]);
        var graph = GraphBuilder.Build(spec.Document).Graph!;
        Assert.Contains(new EnvironmentVariable("API_HOST", "${load-balancer/app#dnsName}"), graph.Find("task-definition/app")!.Items<EnvironmentVariable>("containers.web.environment"));
    }

    [Fact]
    public void Validate_Should_ReportTheUnknownDatabase_When_AnEnvironmentValueNamesOne()
    {
        var yaml = WithEnvironment("            DATABASE_HOST: { database: app-dbx, attribute: address }");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].containers[0].environment.DATABASE_HOST.database", PositionOf(yaml, "app-dbx"), "'app-dbx'");
    }

    [Fact]
    public void Validate_Should_ReportTheAttribute_When_TheKindDoesNotOfferIt()
    {
        var yaml = WithEnvironment("            DATABASE_HOST: { database: app-db, attribute: dnsName }");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].containers[0].environment.DATABASE_HOST.attribute", PositionOf(yaml, "dnsName }"),
            "a database has no attribute 'dnsName'; one of address, port, name, username");
    }

    [Fact]
    public void Bind_Should_ReportTheValue_When_ItNamesTwoResources()
    {
        var yaml = WithEnvironment("            HOST: { database: app-db, bucket: media, attribute: name }");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].containers[0].environment.HOST", PositionOf(yaml, "{ database: app-db, bucket"), "name exactly one resource");
    }

    [Fact]
    public void Bind_Should_ReportTheKey_When_ASecretAsksForAKeyTheManagedSecretLacks()
    {
        var yaml = Mutate(Environment, Environment + "\n          secrets: { DATABASE_PASSWORD: { database: app-db, key: host } }");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].containers[0].secrets.DATABASE_PASSWORD.key", PositionOf(yaml, "host }"), "'host'");
    }

    [Fact]
    public void Validate_Should_ReportTheSecret_When_ItNamesAnUnknownDatabase()
    {
        var yaml = Mutate(Environment, Environment + "\n          secrets: { DATABASE_PASSWORD: { database: other, key: password } }");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].containers[0].secrets.DATABASE_PASSWORD.database", PositionOf(yaml, "other"), "'other'");
    }

    [Fact]
    public void Validate_Should_AcceptTaskSize_When_TwoTasksFitOnTheHost()
    {
        var yaml = Mutate("      executionRole: ecsTaskExecutionRole", "      executionRole: ecsTaskExecutionRole\n      cpu: 1024\n      memory: 768");

        var spec = Load(yaml);

        Assert.Empty(spec.Diagnostics);
        var graph = GraphBuilder.Build(spec.Document!).Graph!;
        Assert.Equal(("1024", "768"), (graph.Find("task-definition/app")!.Get("cpu"), graph.Find("task-definition/app")!.Get("memory")));
    }

    [Fact]
    public void Validate_Should_ReportTheMemory_When_ItExceedsTheHostInstanceType()
    {
        var yaml = Mutate("      executionRole: ecsTaskExecutionRole", "      executionRole: ecsTaskExecutionRole\n      memory: 4096");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].memory", PositionOf(yaml, "4096"), "4096 MiB do not fit on a t3.small host of cluster 'app' (2048 MiB");
    }

    [Fact]
    public void Validate_Should_ReportTheCpu_When_ItExceedsTheHostInstanceType()
    {
        var yaml = Mutate("      executionRole: ecsTaskExecutionRole", "      executionRole: ecsTaskExecutionRole\n      cpu: 4096");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].cpu", PositionOf(yaml, "4096"), "4096 CPU units do not fit on a t3.small host of cluster 'app' (2048 units)");
    }

    [Fact]
    public void Validate_Should_ReportTheMemory_When_TheContainersReserveMore()
    {
        var yaml = Mutate("      executionRole: ecsTaskExecutionRole", "      executionRole: ecsTaskExecutionRole\n      memory: 200");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].memory", PositionOf(yaml, "200"), "the containers reserve 256 MiB, more than the task's 200 MiB");
    }

    [Fact]
    public void Bind_Should_ReportTheCpu_When_ItIsBelowWhatEcsAccepts()
    {
        var yaml = Mutate("      executionRole: ecsTaskExecutionRole", "      executionRole: ecsTaskExecutionRole\n      cpu: 64");

        var spec = Load(yaml);

        AssertError(spec, "spec.taskDefinitions[0].cpu", PositionOf(yaml, "64"), "128");
    }

    [Fact]
    public void Validate_Should_AcceptContainersWithoutMemory_When_TheTaskHasMemory()
    {
        var yaml = Mutate("          memory: 512\n          memoryReservation: 256\n", string.Empty)
            .Replace("      executionRole: ecsTaskExecutionRole", "      executionRole: ecsTaskExecutionRole\n      memory: 512", StringComparison.Ordinal);

        var spec = Load(yaml);

        Assert.Empty(spec.Diagnostics);
    }
}
