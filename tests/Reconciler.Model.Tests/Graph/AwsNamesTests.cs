using Reconciler.Model.Graph;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Graph;

/// <summary>
/// <c>awsName</c>: an adopted resource's existing AWS name, bound on every entry whose AWS name is otherwise
/// <c>&lt;environment&gt;-&lt;name&gt;</c>, used verbatim everywhere the name is used (references from other kinds
/// included), and checked against AWS's rule of the kind and for clashes within the kind.
/// </summary>
public sealed class AwsNamesTests
{
    private static ResourceGraph Graph(string yaml)
    {
        var spec = Load(yaml);
        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        var (graph, errors) = GraphBuilder.Build(spec.Document!);
        Assert.Empty(errors);
        return graph!;
    }

    private static string Adopted()
    {
        var yaml = Mutate("    - { name: app }\n  logGroups:", "    - { name: app, awsName: django-repo }\n  logGroups:");
        yaml = Mutate(yaml, "  clusters:\n    - { name: app }", "  clusters:\n    - { name: app, awsName: django-cluster }");
        yaml = Mutate(yaml, "- { name: app, port: 80 }", "- { name: app, port: 80, awsName: django-tg }");
        yaml = Mutate(yaml, "  loadBalancers:\n    - name: app\n", "  loadBalancers:\n    - name: app\n      awsName: django-alb\n");
        yaml = Mutate(yaml, "    - name: app-db\n", "    - name: app-db\n      awsName: Django-DB\n");
        yaml = Mutate(yaml, "    - name: web\n      description:", "    - name: web\n      awsName: django-web-sg\n      description:");
        yaml = Mutate(yaml, "    - family: app\n", "    - family: app\n      awsName: django-task\n");
        yaml = Mutate(yaml, "  services:\n    - name: app\n", "  services:\n    - name: app\n      awsName: django-service\n");
        return yaml + "\n  buckets:\n    - { name: specs, awsName: django-specs }\n    - { name: logs }\n";
    }

    [Fact]
    public void Build_Should_UseTheAwsNameVerbatim_When_AnEntryGivesOne()
    {
        var graph = Graph(Adopted());

        Assert.Equal("django-cluster", graph.Find("ecs-cluster/app")!.Get("name"));
        Assert.Equal("django-tg", graph.Find("target-group/app")!.Get("name"));
        Assert.Equal("django-alb", graph.Find("load-balancer/app")!.Get("name"));
        Assert.Equal("django-repo", graph.Find("ecr-repository/app")!.Get("name"));
        Assert.Equal("django-web-sg", graph.Find("security-group/web")!.Get("name"));
        Assert.Equal("django-task", graph.Find("task-definition/app")!.Get("family"));
        Assert.Equal("django-service", graph.Find("ecs-service/app")!.Get("name"));
        Assert.Equal("django-specs", graph.Find("s3-bucket/specs")!.Get("name"));

        // RDS keeps identifiers in lower case; the database's subnet group takes the same name.
        Assert.Equal("django-db", graph.Find("db-instance/app-db")!.Get("identifier"));
        Assert.Equal("django-db", graph.Find("db-subnet-group/app-db")!.Get("name"));

        // Entries without awsName keep the convention.
        Assert.Equal("test-db", graph.Find("security-group/db")!.Get("name"));
        Assert.Equal("test-logs", graph.Find("s3-bucket/logs")!.Get("name"));
    }

    [Fact]
    public void Build_Should_NameTheSubnetGroupApart_When_TheDatabaseGivesASubnetGroupAwsName()
    {
        // A database adopted with its DB subnet group named as the console named it (not after the database).
        var graph = Graph(Mutate(Adopted(), "      awsName: Django-DB\n", "      awsName: Django-DB\n      subnetGroupAwsName: Default-VPC-0abc\n"));

        Assert.Equal("django-db", graph.Find("db-instance/app-db")!.Get("identifier"));
        Assert.Equal("default-vpc-0abc", graph.Find("db-subnet-group/app-db")!.Get("name"));
        Assert.Equal("${db-subnet-group/app-db}", graph.Find("db-instance/app-db")!.Get("subnetGroup"));
    }

    [Fact]
    public void Build_Should_NameTheAdoptedClusterInOtherKinds_When_TheClusterHasAnAwsName()
    {
        var graph = Graph(Adopted());

        // The hosts join the cluster by its AWS name at boot; the service refers to the cluster node, whose id is its ARN.
        Assert.Equal("ECS_CLUSTER=django-cluster", graph.Find("instance/ecs-0")!.Get("userData"));
        Assert.Equal("ECS_CLUSTER=django-cluster", graph.Find("instance/ecs-1")!.Get("userData"));
        Assert.Equal("${ecs-cluster/app}", graph.Find("ecs-service/app")!.Get("cluster"));
    }

    [Fact]
    public void Build_Should_KeepTheOwnershipTagsAndLeaveTheNameTag_When_AnEntryHasAnAwsName()
    {
        var graph = Graph(Adopted());

        var cluster = graph.Find("ecs-cluster/app")!;
        Assert.Equal("test", cluster.Tags[Ownership.EnvironmentTag]);
        Assert.Equal("ecs-cluster/app", cluster.Tags[Ownership.LogicalIdTag]);
        Assert.False(cluster.Tags.ContainsKey(Ownership.NameTag));
        Assert.Equal("test-db", graph.Find("security-group/db")!.Tags[Ownership.NameTag]);
    }

    [Fact]
    public void Build_Should_ForceAReplacement_When_TheAwsNameChanges()
    {
        var before = Graph(Adopted()).Find("ecs-cluster/app")!;
        var after = Graph(Mutate(Adopted(), "awsName: django-cluster", "awsName: django-cluster-2")).Find("ecs-cluster/app")!;

        Assert.NotEqual(before.Get("name"), after.Get("name"));
        Assert.Contains("name", after.Kind.ReplaceOn);
    }

    [Theory]
    [InlineData("- { name: app, port: 80 }", "- { name: app, port: 80, awsName: a-target-group-name-of-33-chars-x }", "spec.loadBalancers[0].targetGroups[0].awsName", "a-target-group-name-of-33-chars-x", "target group name")]
    [InlineData("  clusters:\n    - { name: app }", "  clusters:\n    - { name: app, awsName: django.cluster }", "spec.clusters[0].awsName", "django.cluster", "ECS cluster name")]
    [InlineData("    - { name: app }\n  logGroups:", "    - { name: app, awsName: Django-Repo }\n  logGroups:", "spec.repositories[0].awsName", "Django-Repo", "lowercase")]
    [InlineData("  loadBalancers:\n    - name: app\n", "  loadBalancers:\n    - name: app\n      awsName: internal-web\n", "spec.loadBalancers[0].awsName", "internal-web", "must not begin with 'internal-'")]
    [InlineData("    - name: app-db\n", "    - name: app-db\n      awsName: db--1\n", "spec.databases[0].awsName", "db--1", "DB instance identifier name")]
    [InlineData("    - name: app-db\n", "    - name: app-db\n      subnetGroupAwsName: Default\n", "spec.databases[0].subnetGroupAwsName", "Default", "not \"default\"")]
    public void Validate_Should_ReportTheAwsName_When_ItBreaksTheKindsRule(string find, string replace, string path, string value, string message)
    {
        var yaml = Mutate(find, replace);

        var spec = Load(yaml);

        AssertError(spec, path, PositionOf(yaml, value), message);
    }

    [Fact]
    public void Validate_Should_ReportTheSecond_When_TwoEntriesOfAKindShareAnAwsName()
    {
        var yaml = Base + "\n  buckets:\n    - { name: specs, awsName: shared-bucket }\n    - { name: logs, awsName: shared-bucket }\n";

        var spec = Load(yaml);

        AssertError(spec, "spec.buckets[1].awsName", PositionOf(yaml, "shared-bucket }", after: "name: logs"), "also the AWS name of spec.buckets[0]");
    }

    [Fact]
    public void Validate_Should_ReportTheAwsName_When_ItIsAnotherEntrysConventionalName()
    {
        // test-db is what the group named db gets from the convention.
        var yaml = Mutate("    - name: web\n      description:", "    - name: web\n      awsName: test-db\n      description:");

        var spec = Load(yaml);

        AssertError(spec, "spec.securityGroups[0].awsName", PositionOf(yaml, "test-db"), "security group AWS name 'test-db'");
    }

    [Fact]
    public void Validate_Should_AcceptTheSpec_When_AwsNamesAreValidAndDistinct()
    {
        var spec = Load(Adopted());

        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        Assert.DoesNotContain(spec.Diagnostics, d => d.Path.EndsWith("awsName", StringComparison.Ordinal));
    }
}
