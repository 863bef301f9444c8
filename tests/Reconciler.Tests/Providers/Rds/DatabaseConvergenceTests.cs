using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Aws.Rds;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Providers.Rds;

/// <summary>The sample's database (subnet group and PostgreSQL instance) against moto_server, through the engine.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DatabaseConvergenceTests : IDisposable
{
    private readonly TopologyHarness _t = new();

    public void Dispose() => _t.Dispose();

    private static readonly PlanOptions Apply = new(Prune: true);

    private async Task<ResourceGraph> Converge(string env, Func<string, string>? edit = null)
    {
        var (_, graph) = TestSpecs.Load(TopologyHarness.Spec(env, databases: true, hosts: false, edit));
        var result = await _t.Engine.ApplyAsync(graph, Apply, CancellationToken.None);
        Assert.True(result.Converged, _t.H.LogText);
        return graph;
    }

    [Fact]
    public async Task Apply_Should_CreateTheDatabaseWithNoDriftAfter_When_TheAccountIsEmpty()
    {
        var env = TestSpecs.UniqueName("db");
        var graph = await Converge(env);

        var plan = await _t.Engine.PlanAsync(graph, Apply, CancellationToken.None);

        Assert.False(plan.HasChanges, string.Join(Environment.NewLine, plan.Changes.SelectMany(s => s.Changes.Select(c => $"{s.LogicalId} {c}"))));
        Assert.Equal(PlanAction.NoOp, plan.Steps.Single(s => s.LogicalId == "db-instance/app-db").Action);
        Assert.Equal(PlanAction.NoOp, plan.Steps.Single(s => s.LogicalId == "db-subnet-group/app-db").Action);
        var db = Assert.Single(await _t.Rds.DescribeDbInstancesAsync($"{env}-app-db", CancellationToken.None));
        Assert.Equal(env, db.Tags[Ownership.EnvironmentTag]);
        Assert.Equal("db-instance/app-db", db.Tags[Ownership.LogicalIdTag]);
        Assert.Equal("demo", db.Tags["project"]);
        Assert.True(db.StorageEncrypted);
        Assert.True(db.DeletionProtection);
        Assert.StartsWith("arn:aws:secretsmanager:", db.MasterUserSecretArn); // the password lives in Secrets Manager only
        Assert.Equal($"{env}-app-db", db.SubnetGroupName);
        var dbGroup = plan.Steps.Single(s => s.LogicalId == "security-group/db").AwsId!;
        Assert.Equal([dbGroup], db.SecurityGroupIds);
        var group = Assert.Single(await _t.Rds.DescribeDbSubnetGroupsAsync(CancellationToken.None), g => g.Name == $"{env}-app-db");
        Assert.Equal(3, group.SubnetIds.Count);
        var groupTags = await _t.Rds.ListTagsForResourceAsync(group.Arn, CancellationToken.None);
        Assert.Equal("db-subnet-group/app-db", groupTags[Ownership.LogicalIdTag]);
    }

    [Fact]
    public async Task Plan_Should_ShowNoDrift_When_RdsReportsAFullerEngineVersion()
    {
        var env = TestSpecs.UniqueName("dbver");
        var graph = await Converge(env);

        // moto echoes the version as asked ("16"); real RDS reports the minor it picked. Make moto say "16.3".
        await _t.Rds.ModifyDbInstanceAsync(new ModifyDbInstanceRequest($"{env}-app-db") { EngineVersion = "16.3" }, CancellationToken.None);
        var plan = await _t.Engine.PlanAsync(graph, Apply, CancellationToken.None);

        Assert.Equal("16.3", Assert.Single(await _t.Rds.DescribeDbInstancesAsync($"{env}-app-db", CancellationToken.None)).EngineVersion);
        Assert.False(plan.HasChanges, string.Join(Environment.NewLine, plan.Changes.SelectMany(s => s.Changes.Select(c => $"{s.LogicalId} {c}"))));
    }

    [Fact]
    public async Task Apply_Should_ModifyOnlyTheInstanceClass_When_TheClassChanges()
    {
        var env = TestSpecs.UniqueName("dbclass");
        await Converge(env);
        var (_, edited) = TestSpecs.Load(TopologyHarness.Spec(env, true, false, t => t.Replace("db.t3.micro", "db.t3.small", StringComparison.Ordinal)));

        var plan = await _t.Engine.PlanAsync(edited, Apply, CancellationToken.None);
        var before = _t.H.Aws.Metrics.Snapshot();
        var result = await _t.Engine.ApplyAsync(edited, Apply, CancellationToken.None);

        var step = Assert.Single(plan.Changes);
        Assert.Equal(("db-instance/app-db", PlanAction.Update), (step.LogicalId, step.Action));
        var change = Assert.Single(step.Changes);
        Assert.Equal(("instanceClass", "db.t3.small", "db.t3.micro"), (change.Path, change.Desired, change.Actual));
        Assert.True(result.Converged, _t.H.LogText);
        Assert.Equal(["ModifyDBInstance"], _t.MutatingCallsSince(before));
        Assert.Equal("db.t3.small", Assert.Single(await _t.Rds.DescribeDbInstancesAsync($"{env}-app-db", CancellationToken.None)).InstanceClass);
    }

    [Fact]
    public async Task Plan_Should_BlockTheReplacement_When_TheDatabaseNameChangesWithoutOptIn()
    {
        var env = TestSpecs.UniqueName("dbrepl");
        await Converge(env);
        static string Rename(string t) => t.Replace("databaseName: app", "databaseName: shop", StringComparison.Ordinal);
        var (_, renamed) = TestSpecs.Load(TopologyHarness.Spec(env, true, false, Rename));
        var (_, optedIn) = TestSpecs.Load(TopologyHarness.Spec(env, true, false, t => Rename(t).Replace(
            "deletionProtection: true", "deletionProtection: true\n      allowReplacement: true", StringComparison.Ordinal)));

        var blocked = await _t.Engine.PlanAsync(renamed, Apply, CancellationToken.None);
        var replaced = await _t.Engine.PlanAsync(optedIn, Apply, CancellationToken.None);

        Assert.False(blocked.HasChanges); // a blocked step is reported, and apply does nothing to it
        var step = Assert.Single(blocked.Steps, s => s.Action != PlanAction.NoOp);
        Assert.Equal((PlanAction.Blocked, "db-instance/app-db"), (step.Action, step.LogicalId));
        Assert.Equal("databaseName", Assert.Single(step.Changes).Path);
        Assert.True(Assert.Single(step.Changes).ForcesReplacement);
        Assert.Equal(PlanAction.Replace, Assert.Single(replaced.Changes).Action);
    }

    [Fact]
    public async Task Destroy_Should_RefuseWhileProtectedThenDeleteWithAFinalSnapshot_When_ProtectionIsTurnedOffInTheSpec()
    {
        var env = TestSpecs.UniqueName("dbdel");
        var graph = await Converge(env);
        var observed = (await _t.Engine.PlanAsync(graph, Apply, CancellationToken.None)).Steps.Single(s => s.LogicalId == "db-instance/app-db").Observed!;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _t.Databases.DeleteAsync(observed, CancellationToken.None));
        Assert.Contains("deletion protection", refused.Message, StringComparison.Ordinal);
        Assert.Single(await _t.Rds.DescribeDbInstancesAsync($"{env}-app-db", CancellationToken.None));

        var unprotected = await Converge(env, t => t.Replace("deletionProtection: true", "deletionProtection: false", StringComparison.Ordinal));
        var destroyPlan = await _t.Engine.PlanAsync(unprotected, new PlanOptions(true, Destroy: true), CancellationToken.None);
        var ranks = destroyPlan.Changes.Select(s => s.Kind.Rank).ToList();
        var destroyed = await _t.Engine.ApplyAsync(unprotected, new PlanOptions(true, Destroy: true), CancellationToken.None);

        Assert.Equal(ranks.OrderDescending(), ranks);
        Assert.Equal("db-instance/app-db", destroyPlan.Changes.First().LogicalId);
        Assert.True(destroyed.Converged, _t.H.LogText);
        var error = await Assert.ThrowsAsync<AwsCallException>(() => _t.Rds.DescribeDbInstancesAsync($"{env}-app-db", CancellationToken.None));
        Assert.Equal("DBInstanceNotFound", error.Error.Code);
        Assert.DoesNotContain(await _t.Rds.DescribeDbSubnetGroupsAsync(CancellationToken.None), g => g.Name == $"{env}-app-db");
        var snapshots = await _t.H.Aws.Query(AwsServices.Rds, TopologyHarness.Region).CallAsync("DescribeDBSnapshots",
            new QueryParams().Add("DBInstanceIdentifier", $"{env}-app-db"), CallPurpose.Read, CancellationToken.None);
        var snapshot = Assert.Single(snapshots.Items("DBSnapshots")).Text("DBSnapshotIdentifier");
        Assert.Matches($"^{env}-app-db-final-\\d{{14}}$", snapshot);
    }
}
