using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Loading;
using Reconciler.Model.Planning;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Planning;

/// <summary>
/// The planner on the sample's graph. Observed resources are built the way a provider reports them: the desired
/// properties with every reference resolved to a fake AWS id or attribute.
/// </summary>
public sealed class PlannerTests
{
    private const string Env = "demo";

    private static readonly Lazy<ResourceGraph> SampleGraph = new(BuildSample);

    private static readonly ResourceKind[] NetworkKinds =
    [
        ResourceKinds.Vpc, ResourceKinds.Subnet, ResourceKinds.InternetGateway, ResourceKinds.ElasticIp,
        ResourceKinds.NatGateway, ResourceKinds.RouteTable, ResourceKinds.SecurityGroup,
    ];

    private static ResourceGraph Graph => SampleGraph.Value;

    [Fact]
    public void Plan_Should_CreateEveryResourceInGraphOrder_When_NothingIsObserved()
    {
        var plan = Planner.Plan(Graph, ObservedState.Empty(ResourceKinds.All), new PlanOptions(Prune: true));

        Assert.Equal(Graph.Resources.Select(r => r.LogicalId), plan.Steps.Select(s => s.LogicalId));
        Assert.All(plan.Steps, step =>
        {
            Assert.Equal(PlanAction.Create, step.Action);
            Assert.Null(step.Observed);
            Assert.NotNull(step.Desired);
            Assert.Empty(step.Changes);
        });
        Assert.True(plan.HasChanges);
        Assert.Equal($"{Graph.Resources.Count} to create, 0 to update, 0 to replace, 0 to delete, 0 in sync", plan.Summary);
    }

    [Fact]
    public void Plan_Should_CreateEveryNetworkResource_When_OnlyNetworkKindsAreObservedAndNoneExist()
    {
        var plan = Planner.Plan(Graph, ObservedState.Empty(NetworkKinds), new PlanOptions(Prune: false));

        // the hosts' Elastic IPs are network kinds, but they attach to instances, which this observation leaves out
        bool IsHostIp(PlanStep s) => s.LogicalId.StartsWith("elastic-ip/ecs-", StringComparison.Ordinal);
        var network = plan.Steps.Where(s => NetworkKinds.Contains(s.Kind) && !IsHostIp(s)).ToList();
        Assert.Equal(14, network.Count);
        Assert.All(network, s => Assert.Equal(PlanAction.Create, s.Action));
        Assert.All(plan.Steps.Where(s => !NetworkKinds.Contains(s.Kind) || IsHostIp(s)), s => Assert.Equal(PlanAction.Unsupported, s.Action));
        Assert.Contains(plan.Steps, s => s.LogicalId == "route-table/private" && s.Action == PlanAction.Create);
        Assert.Contains(plan.Steps, s => s.LogicalId == "elastic-ip/nat" && s.Action == PlanAction.Create);
        Assert.Equal(PlanAction.Unsupported, plan.Steps.Single(s => s.LogicalId == "db-instance/app-db").Action);
    }

    [Fact]
    public void Plan_Should_BeAllNoOp_When_TheObservedStateEqualsTheDesiredOne()
    {
        var plan = Planner.Plan(Graph, InSync(), new PlanOptions(Prune: true));

        Assert.Equal(Graph.Resources.Count, plan.Steps.Count);
        Assert.All(plan.Steps, step =>
        {
            Assert.True(step.Action == PlanAction.NoOp, $"{step.LogicalId}: {step.Action} ({step.Reason}) {string.Join("; ", step.Changes)}");
            Assert.Empty(step.Changes);
            Assert.Equal(FakeId(step.LogicalId), step.AwsId);
        });
        Assert.False(plan.HasChanges);
        Assert.Empty(plan.Changes);
        Assert.Equal($"0 to create, 0 to update, 0 to replace, 0 to delete, {Graph.Resources.Count} in sync", plan.Summary);
    }

    [Fact]
    public void Plan_Should_UpdateExactlyOneField_When_OneUpdatableFieldDiffers()
    {
        var observed = InSync(("target-group/app", o => WithProperty(o, "healthCheckPath", "/old")));

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        var step = Assert.Single(plan.Changes);
        Assert.Equal(("target-group/app", PlanAction.Update, "safe"), (step.LogicalId, step.Action, step.Risk));
        var change = Assert.Single(step.Changes);
        Assert.Equal(("healthCheckPath", "/", "/old", false), (change.Path, change.Desired, change.Actual, change.ForcesReplacement));
        Assert.Equal("fields differ: healthCheckPath", step.Reason);
        Assert.Equal(Graph.Resources.Count - 1, plan.Count(PlanAction.NoOp));
    }

    [Fact]
    public void Plan_Should_ReportAnAbsentField_When_TheLiveResourceLacksIt()
    {
        var observed = InSync(("vpc/main", o => o with { Properties = o.Properties.Remove("enableDnsHostnames") }));

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        var step = Assert.Single(plan.Changes);
        var change = Assert.Single(step.Changes);
        Assert.Equal(("vpc/main", PlanAction.Update), (step.LogicalId, step.Action));
        Assert.Equal(("enableDnsHostnames", "true", (string?)null), (change.Path, change.Desired, change.Actual));
        Assert.Equal("enableDnsHostnames: (none) -> true", change.ToString());
    }

    [Fact]
    public void Plan_Should_ReplaceAndLeaveDependentsUnknown_When_AReplaceOnFieldChanges()
    {
        var observed = InSync(("subnet/public-a", o => WithProperty(o, "cidr", "10.0.99.0/24")));

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        var subnet = Step(plan, "subnet/public-a");
        Assert.Equal((PlanAction.Replace, "replace"), (subnet.Action, subnet.Risk));
        var cidr = Assert.Single(subnet.Changes);
        Assert.Equal(("cidr", "10.0.0.0/24", "10.0.99.0/24", true), (cidr.Path, cidr.Desired, cidr.Actual, cidr.ForcesReplacement));
        Assert.Equal("cidr cannot change in place", subnet.Reason);

        // the route table keeps its id but must re-associate the new subnet, whose id is not known yet
        var routes = Step(plan, "route-table/public");
        Assert.Equal(PlanAction.Update, routes.Action);
        var association = Assert.Single(routes.Changes);
        Assert.Equal("subnets", association.Path);
        Assert.Contains(References.Unknown, association.Desired, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeId("subnet/public-a"), association.Desired, StringComparison.Ordinal);

        // the NAT gateway and the host in that subnet cannot move: they are replaced too
        var nat = Step(plan, "nat-gateway/main");
        Assert.Equal(PlanAction.Replace, nat.Action);
        Assert.Equal(("subnet", References.Unknown, true), (nat.Changes[0].Path, nat.Changes[0].Desired, nat.Changes[0].ForcesReplacement));
        Assert.Equal(PlanAction.Replace, Step(plan, "instance/ecs-0").Action);
        Assert.Equal(PlanAction.NoOp, Step(plan, "instance/ecs-1").Action);
        Assert.Equal(PlanAction.NoOp, Step(plan, "subnet/public-c").Action);
    }

    [Fact]
    public void Plan_Should_BlockTheReplacement_When_AStatefulResourceHasNoOptIn()
    {
        var observed = InSync(("db-instance/app-db", o => WithProperty(o, "masterUsername", "admin2")));

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        var step = Step(plan, "db-instance/app-db");
        Assert.Equal((PlanAction.Blocked, "blocked", true), (step.Action, step.Risk, step.DataAtRisk));
        Assert.Contains("masterUsername cannot change in place", step.Reason, StringComparison.Ordinal);
        Assert.Contains("opt in", step.Reason, StringComparison.Ordinal);
        Assert.True(Assert.Single(step.Changes).ForcesReplacement);
        Assert.False(step.IsChange);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_Should_ReplaceTheStatefulResource_When_ItOptsIn()
    {
        var graph = Graph with
        {
            Resources = [.. Graph.Resources.Select(r => r.LogicalId == "db-instance/app-db" ? r with { AllowReplacement = true } : r)],
        };
        var observed = InSync(("db-instance/app-db", o => WithProperty(o, "masterUsername", "admin2")));

        var plan = Planner.Plan(graph, observed, new PlanOptions(Prune: true));

        var step = Step(plan, "db-instance/app-db");
        Assert.Equal((PlanAction.Replace, true), (step.Action, step.DataAtRisk));
    }

    [Fact]
    public void Plan_Should_UpdateAStatefulResourceInPlace_When_OnlyUpdatableFieldsDiffer()
    {
        var observed = InSync(("db-instance/app-db", o => WithProperty(o, "backupRetentionDays", "1")));

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        var step = Step(plan, "db-instance/app-db");
        Assert.Equal((PlanAction.Update, false), (step.Action, step.DataAtRisk));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plan_Should_OrphanOrDeleteAnOwnedLeftover_When_PruneIsOffOrOn(bool prune)
    {
        var expected = prune ? PlanAction.Delete : PlanAction.Orphan;
        var legacy = Observed(ResourceKinds.Subnet, "subnet/legacy", Env, "subnet-legacy");
        var observed = InSync() with { Resources = [.. InSync().Resources, legacy] };

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: prune));

        var step = plan.Steps[^1];
        Assert.Equal(("subnet/legacy", expected, "subnet-legacy"), (step.LogicalId, step.Action, step.AwsId));
        Assert.Null(step.Desired);
        Assert.Equal(Graph.Resources.Count + 1, plan.Steps.Count);
        Assert.Equal(prune, plan.HasChanges);
        Assert.Contains(prune ? "no longer in the spec" : "does not prune", step.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Should_DeleteEverythingOwnedInDescendingRankButNoSharedResource_When_Destroying()
    {
        // The sample's database has deletion protection on: off here, so that everything not shared is deleted
        // (PlannerDestroyTests covers what protection retains).
        var live = InSync() with
        {
            Resources = InSync().Resources.Select(r => r.Kind == ResourceKinds.DbInstance
                ? r with { Properties = r.Properties.SetItem("deletionProtection", FieldValue.Of(false)) }
                : r).ToList(),
        };
        var plan = Planner.Plan(Graph, live, new PlanOptions(Prune: false, Destroy: true));

        // Shared kinds (the instance profile, the hosted zone without allowZoneDeletion) are not this environment's to
        // delete; its own execution role is.
        Assert.Equal(Graph.Resources.Count - 2, plan.Steps.Count);
        Assert.Contains(plan.Steps, s => s.LogicalId == "execution-role/execution");
        Assert.All(plan.Steps, s => Assert.Null(s.Desired));
        var ranks = plan.Steps.Select(s => s.Kind.Rank).ToList();
        Assert.Equal(ranks.OrderByDescending(r => r), ranks);
        Assert.All(plan.Steps, s => Assert.Equal(PlanAction.Delete, s.Action));
        Assert.DoesNotContain(plan.Steps, s => s.Kind.Shared);
        Assert.Equal("ecs-service/app", plan.Steps[0].LogicalId);
        Assert.Equal(Graph.Resources.Count - 2, plan.Count(PlanAction.Delete));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plan_Should_ShowTheZoneKeptNotDeleted_When_DestroyOptsInButTheProviderSaysItIsKept(bool kept)
    {
        // allowZoneDeletion opts the zone in; the provider's "kept" attribute (others' records remain) keeps it anyway.
        var zoneId = Graph.Resources.Single(r => r.Kind == ResourceKinds.HostedZone).LogicalId;
        var graph = Graph with { Resources = [.. Graph.Resources.Select(r => r.LogicalId == zoneId ? r with { AllowReplacement = true } : r)] };
        var live = InSync() with
        {
            Resources = [.. InSync().Resources.Select(r => r.LogicalId == zoneId && kept
                ? r with { Attributes = r.Attributes.SetItem(ObservedResource.KeptAttribute, "it still holds 3 record(s) of environment prod") }
                : r)],
        };

        var plan = Planner.Plan(graph, live, new PlanOptions(Prune: true, Destroy: true));

        var step = Step(plan, zoneId);
        Assert.Equal(kept ? (PlanAction.Orphan, false) : (PlanAction.Delete, true), (step.Action, step.DataAtRisk));
        Assert.Equal(kept ? "kept: it still holds 3 record(s) of environment prod" : "destroy", step.Reason);
    }

    [Fact]
    public void Plan_Should_NeverDeleteASharedResource_When_ItLeavesTheSpecAndPruneIsOn()
    {
        var role = Observed(ResourceKinds.IamRole, "iam-role/oldRole", Env, "oldRole");
        var observed = InSync() with { Resources = [.. InSync().Resources, role] };

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        // A shared resource no spec names is none of this environment's business: not deleted, not even reported.
        Assert.DoesNotContain(plan.Steps, s => s.LogicalId == "iam-role/oldRole");
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_Should_ReportAConflictAndDeleteNothing_When_TwoLiveResourcesClaimOneLogicalId()
    {
        var twin = Observed(ResourceKinds.Subnet, "subnet/public-a", Env, "subnet-twin");
        var observed = InSync() with { Resources = [.. InSync().Resources, twin] };

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        var step = Step(plan, "subnet/public-a");
        Assert.Equal(PlanAction.Conflict, step.Action);
        Assert.Contains("2 resources claim this logical id", step.Reason, StringComparison.Ordinal);
        Assert.Contains(FakeId("subnet/public-a"), step.Reason, StringComparison.Ordinal);
        Assert.Contains("subnet-twin", step.Reason, StringComparison.Ordinal);
        Assert.Equal(FakeId("subnet/public-a"), step.AwsId);
        Assert.False(step.IsChange);
        Assert.DoesNotContain(plan.Steps, s => s.Action == PlanAction.Delete);
        Assert.DoesNotContain(plan.Steps, s => s.AwsId == "subnet-twin");
        Assert.Equal(Graph.Resources.Count, plan.Steps.Count);
    }

    [Fact]
    public void Plan_Should_IgnoreResourcesOfAnotherEnvironment_When_TheyShareLogicalIds()
    {
        var others = Graph.Resources.Select(r => Observe(r) with { Environment = "staging", AwsId = "other-" + FakeId(r.LogicalId) }).ToList();
        others.Add(Observed(ResourceKinds.Subnet, "subnet/staging-only", "staging", "subnet-staging"));
        var observed = new ObservedState(others, ResourceKinds.All.ToHashSet());

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        Assert.Equal(Graph.Resources.Count, plan.Steps.Count);
        Assert.All(plan.Steps, s => Assert.Equal(PlanAction.Create, s.Action));
        Assert.DoesNotContain(plan.Steps, s => s.AwsId is not null);
    }

    [Fact]
    public void Plan_Should_IgnoreTagsTheSpecDoesNotSet_When_TheLiveResourceHasMore()
    {
        var observed = InSync(("vpc/main", o => o with { Tags = o.Tags.Add("cost-centre", "42").Add("aws:cloudformation:stack-name", "x") }));

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        Assert.Equal(PlanAction.NoOp, Step(plan, "vpc/main").Action);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_Should_KeepTheLiveNameTagAndAddAMissingOne_When_TheNameTagDiffers()
    {
        var observed = InSync(
            ("vpc/main", o => o with { Tags = o.Tags.SetItem(Ownership.NameTag, "django-vpc") }),
            ("subnet/public-c", o => o with { Tags = o.Tags.Remove(Ownership.NameTag) }));

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        Assert.Equal(PlanAction.NoOp, Step(plan, "vpc/main").Action);
        var change = Assert.Single(Step(plan, "subnet/public-c").Changes);
        Assert.Equal(("tags.Name", (string?)null), (change.Path, change.Actual));
    }

    [Fact]
    public void Plan_Should_UpdateTheTag_When_ATagTheSpecSetsIsMissingOrDifferent()
    {
        var observed = InSync(
            ("vpc/main", o => o with { Tags = o.Tags.Remove("project") }),
            ("subnet/public-c", o => o with { Tags = o.Tags.SetItem("project", "other") }));

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        var vpc = Assert.Single(Step(plan, "vpc/main").Changes);
        Assert.Equal(("tags.project", "demo", (string?)null, false), (vpc.Path, vpc.Desired, vpc.Actual, vpc.ForcesReplacement));
        var subnet = Step(plan, "subnet/public-c");
        Assert.Equal(PlanAction.Update, subnet.Action);
        var change = Assert.Single(subnet.Changes);
        Assert.Equal(("tags.project", "demo", "other"), (change.Path, change.Desired, change.Actual));
        Assert.Equal(2, plan.Changes.Count());
    }

    [Fact]
    public void Plan_Should_CompareSetsIgnoringOrder_When_TheLiveListIsInAnotherOrder()
    {
        var observed = InSync(
            ("route-table/public", o => WithSet(o, "subnets", [.. o.SetOf("subnets").Reverse()])),
            ("security-group/web", o => WithRules(o, (80, "0.0.0.0/0"), (22, "0.0.0.0/0"), (443, "0.0.0.0/0"), (80, "0.0.0.0/0"))));

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        Assert.Equal(PlanAction.NoOp, Step(plan, "route-table/public").Action);
        Assert.Equal(PlanAction.NoOp, Step(plan, "security-group/web").Action);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_Should_UpdateTheSet_When_AnElementIsMissing()
    {
        var observed = InSync(("security-group/web", o => WithRules(o, (80, "0.0.0.0/0"), (443, "0.0.0.0/0"))));

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        var step = Step(plan, "security-group/web");
        Assert.Equal(PlanAction.Update, step.Action);
        var change = Assert.Single(step.Changes);
        Assert.Equal("ingress", change.Path);
        Assert.Equal("[tcp:22-22:0.0.0.0/0, tcp:443-443:0.0.0.0/0, tcp:80-80:0.0.0.0/0]", change.Desired);
        Assert.Equal("[tcp:443-443:0.0.0.0/0, tcp:80-80:0.0.0.0/0]", change.Actual);
    }

    [Fact]
    public void Plan_Should_LeaveAKindUnplanned_When_TheObservationDidNotLookAtIt()
    {
        var observed = InSync() with { Kinds = ResourceKinds.All.Where(k => k != ResourceKinds.DnsRecord).ToHashSet() };

        var plan = Planner.Plan(Graph, observed, new PlanOptions(Prune: true));

        var step = Step(plan, "dns-record/api.example.com");
        Assert.Equal(PlanAction.Unsupported, step.Action);
        Assert.False(plan.HasChanges);
        Assert.EndsWith(", 1 not managed by this build", plan.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Should_LeaveAnIgnoredField_When_ItDriftsOnAnExistingResource()
    {
        var graph = WithIgnored("ecs-service/app", "desiredCount");
        var observed = InSync(("ecs-service/app", o => WithProperty(o, "desiredCount", "7")));

        var plan = Planner.Plan(graph, observed, new PlanOptions(Prune: true));

        Assert.Equal(PlanAction.NoOp, Step(plan, "ecs-service/app").Action);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_Should_StillReportOtherFields_When_OnlyOneFieldIsIgnored()
    {
        var graph = WithIgnored("ecs-service/app", "desiredCount");
        var observed = InSync(("ecs-service/app", o => WithProperty(WithProperty(o, "desiredCount", "7"), "taskDefinition", "old-revision")));

        var step = Step(Planner.Plan(graph, observed, new PlanOptions(Prune: true)), "ecs-service/app");

        Assert.Equal(PlanAction.Update, step.Action);
        Assert.Equal(["taskDefinition"], step.Changes.Select(c => c.Path));
    }

    [Fact]
    public void Plan_Should_IgnoreEveryContainersImage_When_AWildcardSegmentIsIgnored()
    {
        var graph = WithIgnored("task-definition/app", "containers.*.image");
        var observed = InSync(("task-definition/app", o => WithProperty(WithProperty(o, "containers.web.image", "repo:ci-built"), "containers.web.memory", "1024")));

        var step = Step(Planner.Plan(graph, observed, new PlanOptions(Prune: true)), "task-definition/app");

        Assert.Equal(["containers.web.memory"], step.Changes.Select(c => c.Path));
    }

    [Fact]
    public void ResolveAll_Should_KeepTheLiveValueOfAnIgnoredField_When_TheResourceExists()
    {
        var desired = WithIgnored("task-definition/app", "containers.*.image").Find("task-definition/app")!;
        var live = WithProperty(Observe(desired), "containers.web.image", "repo:ci-built");

        var forUpdate = Planner.ResolveAll(desired, ResolveInSync, live);
        var forCreate = Planner.ResolveAll(desired, ResolveInSync);

        Assert.Equal("repo:ci-built", ((ScalarValue)forUpdate["containers.web.image"]).Value);
        Assert.EndsWith("/id-ecr-repository-app:latest", ((ScalarValue)forCreate["containers.web.image"]).Value, StringComparison.Ordinal);
        Assert.Equal(forCreate["containers.web.memory"], forUpdate["containers.web.memory"]);
    }

    [Fact]
    public void Plan_Should_CreateWithTheDesiredValue_When_AnIgnoredFieldsResourceIsMissing()
    {
        var graph = WithIgnored("ecs-service/app", "desiredCount");
        var observed = new ObservedState(InSync().Resources.Where(r => r.LogicalId != "ecs-service/app").ToList(), ResourceKinds.All.ToHashSet());

        var step = Step(Planner.Plan(graph, observed, new PlanOptions(Prune: true)), "ecs-service/app");

        Assert.Equal(PlanAction.Create, step.Action);
        Assert.Equal("2", step.Desired!.Get("desiredCount"));
    }

    [Theory]
    [InlineData("desiredCount", "desiredCount", true)]
    [InlineData("desiredCount", "desiredCountX", false)]
    [InlineData("containers.*.image", "containers.web.image", true)]
    [InlineData("containers.*.image", "containers.web.memory", false)]
    [InlineData("containers.*.image", "containers.image", false)]
    [InlineData("containers.*.image", "containers.a.b.image", false)]
    public void FieldPattern_Should_MatchOneSegmentPerStar_When_Compared(string pattern, string path, bool matches) =>
        Assert.Equal(matches, FieldPattern.Matches(pattern, path));

    private static ResourceGraph WithIgnored(string logicalId, string field) => new(
        Graph.Environment,
        Graph.Region,
        Graph.Resources.Select(r => r.LogicalId == logicalId ? r with { IgnoredFields = [field] } : r).ToList());

    private static ResourceGraph BuildSample()
    {
        var spec = SpecLoader.LoadFile(SamplePath);
        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        var (graph, errors) = GraphBuilder.Build(spec.Document!);
        Assert.Empty(errors);
        return graph!;
    }

    private static PlanStep Step(Plan plan, string logicalId) => plan.Steps.Single(s => s.LogicalId == logicalId);

    private static string FakeId(string logicalId) => "id-" + logicalId.Replace('/', '-');

    private static ImmutableSortedDictionary<string, string> Attributes(string awsId) => new Dictionary<string, string>
    {
        ["arn"] = "arn:aws:fake:::" + awsId,
        ["uri"] = "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/" + awsId,
        ["name"] = "name-" + awsId,
        ["dnsName"] = awsId + ".elb.amazonaws.com",
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>What a provider would report for a resource created exactly as desired.</summary>
    private static string? ResolveInSync(string key)
    {
        var hash = key.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
        {
            return FakeId(key);
        }

        return Attributes(FakeId(key[..hash])).GetValueOrDefault(key[(hash + 1)..]);
    }

    private static ObservedResource Observe(DesiredResource desired) => new(
        desired.Kind,
        desired.LogicalId,
        Env,
        FakeId(desired.LogicalId),
        Planner.ResolveAll(desired, ResolveInSync),
        desired.Tags,
        Attributes(FakeId(desired.LogicalId)));

    private static ObservedResource Observed(ResourceKind kind, string logicalId, string environment, string awsId) => new(
        kind,
        logicalId,
        environment,
        awsId,
        ImmutableSortedDictionary<string, FieldValue>.Empty,
        ImmutableSortedDictionary<string, string>.Empty,
        ImmutableSortedDictionary<string, string>.Empty);

    /// <summary>Every resource of the graph, live and in sync, with the given edits applied.</summary>
    private static ObservedState InSync(params (string LogicalId, Func<ObservedResource, ObservedResource> Edit)[] edits)
    {
        var resources = Graph.Resources.Select(Observe).ToList();
        foreach (var (logicalId, edit) in edits)
        {
            var index = resources.FindIndex(r => r.LogicalId == logicalId);
            Assert.True(index >= 0, $"{logicalId} is not in the graph");
            resources[index] = edit(resources[index]);
        }

        return new ObservedState(resources, ResourceKinds.All.ToHashSet());
    }

    private static ObservedResource WithProperty(ObservedResource resource, string field, string value)
    {
        Assert.True(resource.Properties.ContainsKey(field), $"{resource.LogicalId} has no field {field}");
        return resource with { Properties = resource.Properties.SetItem(field, FieldValue.Of(value)) };
    }

    private static ObservedResource WithSet(ObservedResource resource, string field, string[] items) =>
        resource with { Properties = resource.Properties.SetItem(field, new SetValue(items)) };

    /// <summary>Ingress rules as the security group provider reports them: tcp, one port, a CIDR (listed in any order, repeats allowed).</summary>
    private static ObservedResource WithRules(ObservedResource resource, params (int Port, string Cidr)[] rules) =>
        resource with { Properties = resource.Properties.SetItem(SecurityGroupKind.Ingress, FieldValue.ItemsOf(rules.Select(r => SecurityRule.Create("6", r.Port, r.Port, cidr: r.Cidr)))) };
}
