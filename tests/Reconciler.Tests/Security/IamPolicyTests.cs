using System.Text.Json;
using Reconciler.Cli;
using Reconciler.Controller;
using Reconciler.Security;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Security;

public sealed class IamPolicyTests
{
    private static string ControllerPath => Path.Combine(TestSpecs.RepoRoot, "samples", "controller.yaml");

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, errors, TimeProvider.System);
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>The documents printed: one, or a JSON array when the policy had to be split.</summary>
    private static List<JsonElement> Documents(string json)
    {
        var root = JsonSerializer.Deserialize<JsonElement>(json);
        return root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray()] : [root];
    }

    private static Dictionary<string, JsonElement> Statements(string json)
    {
        var documents = Documents(json);
        Assert.All(documents, d => Assert.Equal("2012-10-17", d.GetProperty("Version").GetString()));
        var statements = documents.SelectMany(d => d.GetProperty("Statement").EnumerateArray()).ToList();
        var sids = statements.Select(s => s.GetProperty("Sid").GetString()!).ToList();
        Assert.Equal(sids.Order(StringComparer.Ordinal), sids);
        Assert.All(statements, s => Assert.Equal("Allow", s.GetProperty("Effect").GetString()));
        return statements.ToDictionary(s => s.GetProperty("Sid").GetString()!, StringComparer.Ordinal);
    }

    private static List<string> Strings(JsonElement statement, string property) =>
        statement.GetProperty(property) is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray().Select(e => e.GetString()!)] : [statement.GetProperty(property).GetString()!];

    [Fact]
    public async Task IamPolicy_Should_GrantEveryActionOfTheSamplesKinds_When_RunOnTheSample()
    {
        var (exit, output, _) = await Run("iam-policy", TestSpecs.SamplePath);

        Assert.Equal(0, exit);
        var statements = Statements(output);
        var granted = statements.Values.SelectMany(s => Strings(s, "Action")).ToHashSet(StringComparer.Ordinal);
        var (_, graph) = TestSpecs.Load(File.ReadAllText(TestSpecs.SamplePath));
        foreach (var kind in graph.Resources.Select(r => r.Kind.Name).Distinct())
        {
            Assert.All(IamActions.ByKind[kind], a => Assert.Contains(a, granted));
        }

        Assert.Equal(["arn:aws:s3:::demo-*"], Strings(statements["S3Buckets"], "Resource")); // the media bucket, and nothing else
        Assert.False(statements.ContainsKey("S3SourceList"));
        Assert.DoesNotContain(granted, a => a is "s3:GetObject" or "s3:PutObject" or "s3:ListBucket");
        Assert.Equal(["*"], Strings(statements["Ec2Read"], "Resource"));
        Assert.Equal(["arn:aws:ssm:*::parameter/aws/service/ecs/*"], Strings(statements["SsmEcsOptimizedImage"], "Resource"));
        Assert.Equal(["arn:aws:iam::*:role/demo-execution"], Strings(statements["IamPassRoleToEcsTasks"], "Resource"));
        Assert.Equal("ecs-tasks.amazonaws.com", statements["IamPassRoleToEcsTasks"].GetProperty("Condition").GetProperty("StringEquals").GetProperty("iam:PassedToService")[0].GetString());
        Assert.Equal(["arn:aws:iam::*:role/ecsInstanceRole"], Strings(statements["IamPassRoleToEc2"], "Resource"));
        Assert.DoesNotContain("iam:PassRole", Strings(statements["IamSharedRoles"], "Action"));
        // The sample's database secret: the inline policy is read, written and removed on the environment's own role only.
        Assert.Superset(new HashSet<string> { "iam:PutRolePolicy", "iam:DeleteRolePolicy" }, Strings(statements["IamOwnedRolesChange"], "Action").ToHashSet());
        Assert.Contains("iam:GetRolePolicy", Strings(statements["IamOwnedRolesRead"], "Action"));
        Assert.Equal(["arn:aws:iam::*:role/demo-execution"], Strings(statements["IamOwnedRolesChange"], "Resource"));
        Assert.Equal(["arn:aws:iam::*:instance-profile/ecsInstanceRole", "arn:aws:iam::*:role/ecsInstanceRole"], Strings(statements["IamSharedRoles"], "Resource"));
        Assert.DoesNotContain("iam:PutRolePolicy", Strings(statements["IamSharedRoles"], "Action"));
        var linked = statements["IamServiceLinkedRoles"].GetProperty("Condition").GetProperty("StringEquals").GetProperty("iam:AWSServiceName");
        Assert.Equal(["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com", "rds.amazonaws.com"], linked.EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public async Task IamPolicy_Should_ScopeBucketsAndSources_When_RunOnTheControllerWithASource()
    {
        var (exit, output, _) = await Run("iam-policy", ControllerPath, "--source", "s3://ops-specs/specs/");
        var (_, again, _) = await Run("iam-policy", ControllerPath, "--source", "s3://ops-specs/specs/");

        Assert.Equal(0, exit);
        Assert.Equal(output, again);
        var statements = Statements(output);
        Assert.Equal(["s3:ListAllMyBuckets"], Strings(statements["S3ListBuckets"], "Action"));
        Assert.Equal(["arn:aws:s3:::ops-*"], Strings(statements["S3Buckets"], "Resource"));
        Assert.Contains("s3:PutBucketVersioning", Strings(statements["S3Buckets"], "Action"));
        Assert.Contains("s3:TagResource", Strings(statements["S3Buckets"], "Action"));
        Assert.Equal(["s3:ListBucket"], Strings(statements["S3SourceList"], "Action"));
        Assert.Equal(["arn:aws:s3:::ops-specs"], Strings(statements["S3SourceList"], "Resource"));
        Assert.Equal("specs/*", statements["S3SourceList"].GetProperty("Condition").GetProperty("StringLike").GetProperty("s3:prefix")[0].GetString());
        Assert.Equal(["s3:GetObject", "s3:PutObject"], Strings(statements["S3SourceObjects"], "Action"));
        Assert.Equal(["arn:aws:s3:::ops-specs/specs/*"], Strings(statements["S3SourceObjects"], "Resource"));
        Assert.Contains("arn:aws:iam::*:role/reconciler-controller", Strings(statements["IamPassRoleToEcsTasks"], "Resource"));
        Assert.DoesNotContain(statements.Keys, k => k.StartsWith("Rds", StringComparison.Ordinal) || k.StartsWith("Route53", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IamPolicy_Should_GrantTheLeaseTableItsActionsOnly_When_RunWithALeaseTable()
    {
        var (exit, output, _) = await Run("iam-policy", ControllerPath, "--lease-table", "reconciler-leases");
        var (_, creating, _) = await Run("iam-policy", ControllerPath, "--lease-table", "reconciler-leases", "--create-lease-table");
        var (_, without, _) = await Run("iam-policy", ControllerPath);

        Assert.Equal(0, exit);
        var lease = Statements(output)["DynamoDbLeaseTable"];
        Assert.Equal(IamActions.LeaseActions.Order(StringComparer.Ordinal), Strings(lease, "Action"));
        Assert.Equal(["arn:aws:dynamodb:*:*:table/reconciler-leases"], Strings(lease, "Resource"));
        Assert.Equal(IamActions.LeaseActions.Append("dynamodb:CreateTable").Order(StringComparer.Ordinal), Strings(Statements(creating)["DynamoDbLeaseTable"], "Action"));
        Assert.False(Statements(without).ContainsKey("DynamoDbLeaseTable"));
    }

    [Fact]
    public async Task IamPolicy_Should_GrantTheEventQueueReceiveDeleteAndAttributesOnly_When_RunWithEvents()
    {
        var (exit, output, _) = await Run("iam-policy", ControllerPath, "--source", "s3://ops-specs/specs", "--events", "sqs://sqs.eu-west-1.amazonaws.com/123456789012/spec-events");
        var (_, without, _) = await Run("iam-policy", ControllerPath, "--source", "s3://ops-specs/specs");
        var (bad, _, errors) = await Run("iam-policy", ControllerPath, "--events", "https://sqs.eu-west-1.amazonaws.com/123456789012/spec-events");

        Assert.Equal(0, exit);
        var queue = Statements(output)["SqsSpecEvents"];
        Assert.Equal(["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], Strings(queue, "Action"));
        Assert.Equal(["arn:aws:sqs:eu-west-1:123456789012:spec-events"], Strings(queue, "Resource"));
        Assert.False(Statements(without).ContainsKey("SqsSpecEvents"));
        Assert.Equal(1, bad);
        Assert.Contains("expected sqs://QUEUE_URL", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IamPolicy_Should_Exit1_When_ASourceIsNotAnS3Location()
    {
        var (exit, _, errors) = await Run("iam-policy", ControllerPath, "--source", "/srv/specs");

        Assert.Equal(1, exit);
        Assert.Contains("expected s3://BUCKET/PREFIX", errors, StringComparison.Ordinal);
    }

    /// <summary>
    /// A source is parsed once, as <c>run</c> parses it (S3SpecLocation: a prefix is a folder), so the policy grants the
    /// prefix S3Source lists with, never <c>prod*</c> (which would also grant <c>prod-old/</c>). s3:prefix is the
    /// ListBucket condition key (https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html).
    /// </summary>
    [Theory]
    [InlineData("s3://ops-specs", "arn:aws:s3:::ops-specs/*", null)]
    [InlineData("s3://ops-specs/prod", "arn:aws:s3:::ops-specs/prod/*", "prod/*")]
    [InlineData("s3://ops-specs/prod/", "arn:aws:s3:::ops-specs/prod/*", "prod/*")]
    public async Task IamPolicy_Should_GrantTheFolderTheControllerReads_When_ASourceIsGivenWithOrWithoutASlash(string source, string objects, string? listPrefix)
    {
        var (exit, output, _) = await Run("iam-policy", ControllerPath, "--source", source);

        Assert.Equal(0, exit);
        var statements = Statements(output);
        Assert.Equal([objects], Strings(statements["S3SourceObjects"], "Resource"));
        Assert.Equal(["arn:aws:s3:::ops-specs"], Strings(statements["S3SourceList"], "Resource"));
        if (listPrefix is null)
        {
            Assert.False(statements["S3SourceList"].TryGetProperty("Condition", out _));
        }
        else
        {
            Assert.Equal([listPrefix], Strings(statements["S3SourceList"].GetProperty("Condition").GetProperty("StringLike"), "s3:prefix"));
        }

        var read = S3SpecLocation.TryParse(source)!;
        Assert.Equal(listPrefix, read.Prefix.Length == 0 ? null : read.Prefix + "*"); // the prefix the controller lists with
    }

    [Fact]
    public async Task IamPolicy_Should_PrintDocumentsWithinTheManagedPolicyLimit_When_RunOnTheSample()
    {
        var (exit, output, errors) = await Run("iam-policy", TestSpecs.SamplePath);

        Assert.Equal(0, exit);
        var documents = Documents(output);
        Assert.True(documents.Count > 1, "the sample's policy no longer needs a split: the split is not exercised");
        Assert.All(documents, d => Assert.InRange(PolicyDocuments.Size(d.GetRawText()), 100, PolicyDocuments.ManagedPolicyLimit));
        Assert.Contains($"split into {documents.Count} policies", errors, StringComparison.Ordinal);
        Assert.Contains("iam-policy --adoption", errors, StringComparison.Ordinal);
        var statements = Statements(output);
        var deleteVpc = statements.Values.Single(s => Strings(s, "Action").Contains("ec2:DeleteVpc"));
        Assert.Equal("false", deleteVpc.GetProperty("Condition").GetProperty("Null").GetProperty("aws:ResourceTag/reconciler:environment").GetString());
        Assert.Equal(["arn:aws:ec2:*:*:vpc/*"], Strings(deleteVpc, "Resource"));
    }

    /// <summary>
    /// An environment's own execution role: created only with the ownership tags sent, changed and deleted only while
    /// it carries the environment's tag, passed to ECS tasks; the shared roles never get the delete path.
    /// </summary>
    [Fact]
    public async Task IamPolicy_Should_GrantTheOwnRoleByNameAndTag_When_ASpecAsksForIt()
    {
        var own = TestSpecs.WriteSpec(TestSpecs.Small("own", """
            taskDefinitions:
              - family: app
                executionRole: { own: true }
                containers:
                  - { name: web, image: public.ecr.aws/nginx/nginx:1.27, memory: 128, secrets: { TOKEN: /own/token } }
            """));
        var shared = TestSpecs.WriteSpec(TestSpecs.Small("shared", """
            taskDefinitions:
              - family: app
                executionRole: ecsTaskExecutionRole
                containers:
                  - { name: web, image: public.ecr.aws/nginx/nginx:1.27, memory: 128 }
            """));

        var (exit, output, _) = await Run("iam-policy", own, shared, "--per-environment");

        Assert.Equal(0, exit);
        var statements = Statements(output);
        const string role = "arn:aws:iam::*:role/own-execution";
        Assert.Equal([role], Strings(statements["IamOwnedRolesCreate"], "Resource"));
        Assert.Equal(["iam:CreateRole", "iam:TagRole"], Strings(statements["IamOwnedRolesCreate"], "Action"));
        var created = statements["IamOwnedRolesCreate"].GetProperty("Condition");
        Assert.Equal(["own", "shared"], Strings(created.GetProperty("StringEquals"), "aws:RequestTag/reconciler:environment"));
        Assert.Equal(["reconciler:logical-id"], Strings(created.GetProperty("ForAnyValue:StringEquals"), "aws:TagKeys"));
        var change = Strings(statements["IamOwnedRolesChange"], "Action");
        Assert.Superset(new HashSet<string> { "iam:DeleteRole", "iam:DetachRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:TagRole" }, change.ToHashSet());
        Assert.DoesNotContain("iam:CreateRole", change);
        Assert.Equal([role], Strings(statements["IamOwnedRolesChange"], "Resource"));
        Assert.Equal(["own", "shared"], Strings(statements["IamOwnedRolesChange"].GetProperty("Condition").GetProperty("StringEquals"), "aws:ResourceTag/reconciler:environment"));
        Assert.False(statements["IamOwnedRolesRead"].TryGetProperty("Condition", out _));
        Assert.Equal(["arn:aws:iam::*:role/ecsTaskExecutionRole", role], Strings(statements["IamPassRoleToEcsTasks"], "Resource"));
        // The shared role keeps what it had: no delete path, and no secrets policy when no environment puts one on it.
        Assert.Equal(["arn:aws:iam::*:role/ecsTaskExecutionRole"], Strings(statements["IamSharedRoles"], "Resource"));
        Assert.DoesNotContain(Strings(statements["IamSharedRoles"], "Action"), a => a is "iam:DeleteRole" or "iam:DetachRolePolicy" or "iam:PutRolePolicy");
    }

    [Fact]
    public async Task IamPolicy_Should_NameTheEnvironments_When_AskedPerEnvironment()
    {
        var (exit, output, _) = await Run("iam-policy", TestSpecs.SamplePath, "--per-environment");

        Assert.Equal(0, exit);
        var statements = Statements(output).Values.Where(s => s.TryGetProperty("Condition", out var c) && c.TryGetProperty("StringEquals", out var e)
            && e.TryGetProperty("aws:ResourceTag/reconciler:environment", out _)).ToList();
        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.Equal(["demo"], Strings(s.GetProperty("Condition").GetProperty("StringEquals"), "aws:ResourceTag/reconciler:environment")));
        Assert.DoesNotContain("\"Null\"", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// import --adopt tags resources that carry no ownership tag yet; the controller's policy refuses that (a tagging
    /// call only on our creations or our resources), so adoption's is a policy of its own, tagging only with the
    /// environment's tag in the request.
    /// </summary>
    [Fact]
    public async Task IamPolicy_Should_PrintAdoptionsOwnPolicy_When_AskedWithAdoption()
    {
        var (exit, output, _) = await Run("iam-policy", TestSpecs.SamplePath, "--adoption");
        var (_, controller, _) = await Run("iam-policy", TestSpecs.SamplePath);

        Assert.Equal(0, exit);
        var tag = Statements(output)["AdoptionTagUntagged"];
        Assert.Equal(AdoptionPolicy.TagActions.Order(StringComparer.Ordinal), Strings(tag, "Action"));
        Assert.Equal(["demo"], Strings(tag.GetProperty("Condition").GetProperty("StringEquals"), "aws:RequestTag/reconciler:environment"));
        Assert.Equal(["reconciler:logical-id"], Strings(tag.GetProperty("Condition").GetProperty("ForAnyValue:StringEquals"), "aws:TagKeys"));
        // The controller's own policy never lets a tagging call through without a tag condition.
        var tagging = Statements(controller).Values.Where(s => Strings(s, "Action").Intersect(AdoptionPolicy.TagActions).Any()).ToList();
        Assert.NotEmpty(tagging);
        Assert.All(tagging, s => Assert.True(s.TryGetProperty("Condition", out _), s.GetProperty("Sid").GetString()));
    }

    /// <summary>Each adoption tagging call is granted on "*" with aws:RequestTag: every resource type of its row lists the key.</summary>
    [Fact]
    public void AdoptionPolicy_Should_UseOnlyKeysEveryTypeOfTheRowLists_When_GrantedOnEveryResource()
    {
        foreach (var row in AdoptionPolicy.TagActions.Select(a => AbacReference.Rows[a]))
        {
            Assert.Equal(AccessLevel.Tagging, row.Access);
            Assert.All(row.Resources, r => Assert.Contains(AbacReference.RequestTag, r.Keys));
            Assert.All(row.Resources, r => Assert.Contains(AbacReference.TagKeys, r.Keys));
        }
    }
}
