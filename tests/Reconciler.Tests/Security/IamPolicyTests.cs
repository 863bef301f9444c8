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

    private static Dictionary<string, JsonElement> Statements(string json)
    {
        var doc = JsonSerializer.Deserialize<JsonElement>(json);
        Assert.Equal("2012-10-17", doc.GetProperty("Version").GetString());
        var statements = doc.GetProperty("Statement").EnumerateArray().ToList();
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
        Assert.Equal(["*"], Strings(statements["Ec2"], "Resource"));
        Assert.Equal(["arn:aws:ssm:*::parameter/aws/service/ecs/*"], Strings(statements["SsmEcsOptimizedImage"], "Resource"));
        Assert.Equal(["arn:aws:iam::*:role/ecsTaskExecutionRole"], Strings(statements["IamPassRoleToEcsTasks"], "Resource"));
        Assert.Equal("ecs-tasks.amazonaws.com", statements["IamPassRoleToEcsTasks"].GetProperty("Condition").GetProperty("StringEquals").GetProperty("iam:PassedToService")[0].GetString());
        Assert.Equal(["arn:aws:iam::*:role/ecsInstanceRole"], Strings(statements["IamPassRoleToEc2"], "Resource"));
        Assert.DoesNotContain("iam:PassRole", Strings(statements["IamSharedRoles"], "Action"));
        // The sample's database secret: the execution role's inline policy is read, written and removed on that role only.
        Assert.Superset(new HashSet<string> { "iam:GetRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy" }, Strings(statements["IamSharedRoles"], "Action").ToHashSet());
        Assert.Contains("arn:aws:iam::*:role/ecsTaskExecutionRole", Strings(statements["IamSharedRoles"], "Resource"));
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
        Assert.False(statements.ContainsKey("Rds"));
        Assert.False(statements.ContainsKey("Route53"));
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
}
