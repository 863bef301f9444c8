using Reconciler.Security;

namespace Reconciler.Tests.Security;

/// <summary>
/// The statements generated for every action of every kind, checked against the ABAC table: a tag condition only where
/// the table gives its key for the action on that resource type, never a guarded action left unconditioned on the types
/// it is guarded on, every mutating action either guarded or on a "NoTagCondition" statement with a reason, reads never
/// conditioned. The tag conditions are checked against the Service Authorization Reference this way, not against an
/// emulator: moto evaluates no aws:ResourceTag condition.
/// </summary>
public sealed class AbacStatementsTests
{
    private static readonly HashSet<string> Handled = ["iam", "s3", "ssm"]; // scoped by name in IamPolicy, not by tag

    private static List<string> AllActions() =>
        [.. IamActions.ByKind.Values.SelectMany(a => a).Concat(IamActions.ImpliedByKind.Values.SelectMany(a => a))
            .Distinct(StringComparer.Ordinal).Where(a => !Handled.Contains(a[..a.IndexOf(':', StringComparison.Ordinal)]))];

    private static List<PolicyStatement> Generate(IReadOnlyCollection<string>? environments = null) => [.. AbacStatements.For(AllActions(), environments)];

    private static string? TypeOf(string prefix, AbacRow row, string resource) =>
        row.Resources.Select(r => r.Type).FirstOrDefault(t => AbacReference.Arn(prefix, t) == resource);

    /// <summary>The condition keys as the reference names them (aws:ResourceTag/${TagKey} for aws:ResourceTag/reconciler:environment).</summary>
    private static string ReferenceKey(string key) =>
        key.StartsWith("aws:ResourceTag/", StringComparison.Ordinal) ? AbacReference.ResourceTag
        : key.StartsWith("aws:RequestTag/", StringComparison.Ordinal) ? AbacReference.RequestTag
        : key;

    [Fact]
    public void For_Should_PairAnActionOnlyWithTypesWhoseRowListsTheKey_When_AStatementHasATagCondition()
    {
        var pairs = 0;
        foreach (var statement in Generate().Where(s => s.Conditions.Count > 0))
        {
            foreach (var action in statement.Actions)
            {
                var row = AbacReference.Rows[action];
                foreach (var resource in statement.Resources)
                {
                    var type = TypeOf(row.Prefix, row, resource);
                    Assert.True(type is not null, $"{statement.Sid}: {action} on {resource}, a type its row does not list");
                    Assert.All(statement.Conditions, c => Assert.Contains(ReferenceKey(c.Key), row.KeysOf(type!)));
                    pairs++;
                }
            }
        }

        Assert.True(pairs > 50, $"only {pairs} conditioned pairs checked");
    }

    [Fact]
    public void For_Should_NeverGrantAGuardedActionWithoutCondition_When_OnAGuardedType()
    {
        foreach (var statement in Generate().Where(s => s.Conditions.Count == 0))
        {
            foreach (var row in statement.Actions.Select(a => AbacReference.Rows[a]).Where(r => r.Guard != TagGuard.None))
            {
                Assert.DoesNotContain("*", statement.Resources);
                Assert.All(row.Guarded, t => Assert.DoesNotContain(AbacReference.Arn(row.Prefix, t), statement.Resources));
            }
        }
    }

    [Fact]
    public void For_Should_ConditionEveryMutatingActionOrStateWhy_When_EveryKindIsUsed()
    {
        var statements = Generate();

        foreach (var row in AllActions().Select(a => AbacReference.Rows[a]).Where(r => r.Mutating))
        {
            var granting = statements.Where(s => s.Actions.Contains(row.Action)).ToList();
            if (row.Guard == TagGuard.None)
            {
                Assert.Contains(granting, s => s.Sid.EndsWith("NoTagCondition", StringComparison.Ordinal) && s.Resources.SetEquals(["*"]));
                Assert.False(string.IsNullOrEmpty(row.Why));
                continue;
            }

            // Every guarded type is granted, and only under a tag condition.
            foreach (var type in row.Guarded)
            {
                var arn = AbacReference.Arn(row.Prefix, type);
                Assert.Contains(granting, s => s.Resources.Contains(arn) && s.Conditions.Any(c => c.Key.EndsWith("/reconciler:environment", StringComparison.Ordinal)));
            }
        }
    }

    [Fact]
    public void For_Should_NeverConditionAReadAction_When_ItIsGranted()
    {
        var statements = Generate();

        foreach (var row in AllActions().Select(a => AbacReference.Rows[a]).Where(r => !r.Mutating))
        {
            var granting = statements.Where(s => s.Actions.Contains(row.Action)).ToList();
            var only = Assert.Single(granting);
            Assert.Empty(only.Conditions);
            Assert.Equal(["*"], only.Resources);
            Assert.EndsWith("Read", only.Sid, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void For_Should_KeepTaggingCallsToOurCreationsAndOurResources_When_TheServiceHasACreateActionKey()
    {
        var createTags = Generate().Where(s => s.Actions.Contains("ec2:CreateTags")).ToList();

        Assert.All(createTags, s => Assert.NotEmpty(s.Conditions));
        var onCreate = Assert.Single(createTags, s => s.Sid == "Ec2TagOnCreate");
        var created = onCreate.Conditions.Single(c => c.Key == "ec2:CreateAction").Values;
        Assert.Contains("RunInstances", created);
        Assert.Contains("CreateVpc", created);
        Assert.DoesNotContain("CreateTags", created);
        Assert.Contains(createTags, s => s.Conditions.Any(c => c is { Operator: "Null", Key: "aws:ResourceTag/reconciler:environment" } && c.Values[0] == "false"));
    }

    [Fact]
    public void For_Should_RequireTheEnvironmentsValue_When_TheRoleServesGivenEnvironments()
    {
        var statements = Generate(["stage"]);

        var deleteVpc = Assert.Single(statements, s => s.Actions.Contains("ec2:DeleteVpc"));
        var condition = Assert.Single(deleteVpc.Conditions);
        Assert.Equal(("StringEquals", "aws:ResourceTag/reconciler:environment"), (condition.Operator, condition.Key));
        Assert.Equal(["stage"], condition.Values);
        var createVpc = Assert.Single(statements, s => s.Actions.Contains("ec2:CreateVpc") && s.Conditions.Count > 0);
        Assert.Contains(createVpc.Conditions, c => c is { Operator: "StringEquals", Key: "aws:RequestTag/reconciler:environment" } && c.Values.SequenceEqual(["stage"]));
        Assert.Contains(createVpc.Conditions, c => c is { Operator: "ForAnyValue:StringEquals", Key: "aws:TagKeys" } && c.Values.SequenceEqual(["reconciler:logical-id"]));
        Assert.DoesNotContain(statements.SelectMany(s => s.Conditions), c => c.Operator == "Null");
    }

    [Fact]
    public void For_Should_GrantRunInstancesReferencedTypesOnTheirOwnStatement_When_OnlyTheInstanceAndVolumesAreTagged()
    {
        var statements = Generate().Where(s => s.Actions.Contains("ec2:RunInstances")).ToList();

        var created = Assert.Single(statements, s => s.Conditions.Count > 0);
        Assert.Equal(["arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:volume/*"], created.Resources);
        var referenced = Assert.Single(statements, s => s.Conditions.Count == 0);
        Assert.Contains("arn:aws:ec2:*:*:network-interface/*", referenced.Resources);
        Assert.Contains("arn:aws:ec2:*:*:image/*", referenced.Resources);
        Assert.DoesNotContain("arn:aws:ec2:*:*:instance/*", referenced.Resources);
    }
}
