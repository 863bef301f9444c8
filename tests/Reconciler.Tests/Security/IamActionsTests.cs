using System.Text.RegularExpressions;
using Reconciler.Model.Graph;
using Reconciler.Security;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Security;

/// <summary>
/// Keeps the IAM table honest against the code: every operation name the clients and providers pass to the call runner
/// or a protocol client (found in the source by the call shapes they use) is granted, and nothing granted goes unused.
/// </summary>
public sealed partial class IamActionsTests
{
    /// <summary>Where the calls of each service live, and the service's IAM prefix.</summary>
    private static readonly Dictionary<string, string> PrefixByFolder = new(StringComparer.Ordinal)
    {
        ["Aws/Acm"] = "acm",
        ["Aws/Ecr"] = "ecr",
        ["Aws/Ecs"] = "ecs",
        ["Aws/Elbv2"] = "elasticloadbalancing",
        ["Aws/Iam"] = "iam",
        ["Aws/Accounts"] = "sts",
        ["Aws/Logs"] = "logs",
        ["Aws/Rds"] = "rds",
        ["Aws/Route53"] = "route53",
        ["Aws/Tagging"] = "tag",
        ["Leases"] = "dynamodb",
        ["Providers/Ec2"] = "ec2",
        ["Providers/S3"] = "s3",
        ["Kinds/Vpcs"] = "ec2",
        ["Kinds/Subnets"] = "ec2",
        ["Kinds/InternetGateways"] = "ec2",
        ["Kinds/ElasticIps"] = "ec2",
        ["Kinds/NatGateways"] = "ec2",
        ["Kinds/RouteTables"] = "ec2",
        ["Kinds/SecurityGroups"] = "ec2",
        // Kinds whose providers call an official SDK client directly (the others go through Aws/).
        ["Kinds/Instances"] = "ec2",
        ["Kinds/Buckets"] = "s3",
    };

    // Mutate(...), Create("CreateVpc", ...), Read(...), Delete(...), DeleteResource(...), Pages(...), PagesAsync(...), Call(...),
    // CallAsync("ListRoles", ...), CallAsync<A, B>("RegisterTaskDefinition", ...), AllAsync<A, B, C>(\n "DescribeLogGroups", ...).
    [GeneratedRegex(@"\b(?:Mutate|Create|Read|Delete|DeleteResource|Pages|PagesAsync|Call|CallAsync|AllAsync)(?:<[^<>()]*>)?\(\s*""(?<op>[A-Z][A-Za-z0-9]+)""")]
    private static partial Regex OperationCall();

    // runner.RunAsync("ssm", "GetParameter", ...) or runner.RunAsync(Service, "ListBuckets", ...).
    [GeneratedRegex(@"\bRunAsync\(\s*(?:""(?<svc>[a-z0-9]+)""|Service)\s*,\s*""(?<op>[A-Z][A-Za-z0-9]+)""")]
    private static partial Regex RunnerCall();

    private static readonly Lazy<List<(string File, string Action)>> Used = new(Scan);

    private static List<(string File, string Action)> Scan()
    {
        var src = Path.Combine(TestSpecs.RepoRoot, "src", "Reconciler");
        var result = new List<(string, string)>();
        foreach (var file in new[] { "Aws", "Providers", "Kinds", "Leases" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(src, d), "*.cs", SearchOption.AllDirectories)))
        {
            var relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            var text = File.ReadAllText(file);
            var folder = PrefixByFolder.Keys.FirstOrDefault(f => relative.StartsWith(f + "/", StringComparison.Ordinal));
            foreach (Match m in RunnerCall().Matches(text))
            {
                var prefix = m.Groups["svc"].Success ? m.Groups["svc"].Value : folder is null ? null : PrefixByFolder[folder];
                Assert.True(prefix is not null, $"{relative}: a call to {m.Groups["op"].Value} in a folder with no known IAM prefix");
                result.Add((relative, IamActions.ActionFor(prefix!, m.Groups["op"].Value)));
            }

            foreach (Match m in OperationCall().Matches(text))
            {
                Assert.True(folder is not null, $"{relative}: a call to {m.Groups["op"].Value} in a folder with no known IAM prefix: add it to PrefixByFolder");
                result.Add((relative, IamActions.ActionFor(PrefixByFolder[folder!], m.Groups["op"].Value)));
            }
        }

        return result;
    }

    [Fact]
    public void Scan_Should_FindTheCallsOfEveryService_When_TheSourceIsRead()
    {
        var actions = Used.Value.Select(u => u.Action).ToHashSet(StringComparer.Ordinal);

        Assert.True(actions.Count > 120, $"only {actions.Count} operations found: the call shapes changed?");
        Assert.Contains("ec2:CreateVpc", actions);
        Assert.Contains("ec2:DescribeVpcs", actions);
        Assert.Contains("ssm:GetParameter", actions);
        Assert.Contains("iam:CreateRole", actions);
        Assert.Contains("ecs:RegisterTaskDefinition", actions);
        Assert.Contains("logs:DescribeLogGroups", actions);
        Assert.Contains("route53:ChangeResourceRecordSets", actions);
        Assert.Contains("s3:ListAllMyBuckets", actions);
        Assert.Contains("tag:GetResources", actions);
        Assert.Contains("dynamodb:UpdateItem", actions);
        Assert.Equal(PrefixByFolder.Values.Append("ssm").Distinct().Order(StringComparer.Ordinal), actions.Select(a => a[..a.IndexOf(':', StringComparison.Ordinal)]).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ByKind_Should_GrantEveryOperationTheCodeCalls_When_ComparedWithTheSource()
    {
        var granted = IamActions.ByKind.Values.SelectMany(a => a).Concat(LeaseGrants).Concat(IamActions.AccountActions).Concat(IamActions.ImportActions).ToHashSet(StringComparer.Ordinal);

        var missing = Used.Value.Where(u => !granted.Contains(u.Action)).Select(u => $"{u.Action} ({u.File})").Distinct().ToList();

        Assert.True(missing.Count == 0, "called but not granted: " + string.Join(", ", missing));
    }

    [Fact]
    public void ByKind_Should_GrantNothingTheCodeNeverCalls_When_ComparedWithTheSource()
    {
        var used = Used.Value.Select(u => u.Action).ToHashSet(StringComparer.Ordinal);

        var unused = IamActions.ByKind.SelectMany(kv => kv.Value.Where(a => !used.Contains(a)).Select(a => $"{a} ({kv.Key})"))
            .Concat(LeaseGrants.Where(a => !used.Contains(a)).Select(a => $"{a} (lease table)"))
            .Concat(IamActions.AccountActions.Where(a => !used.Contains(a)).Select(a => $"{a} (accounts)"))
            .Concat(IamActions.ImportActions.Where(a => !used.Contains(a)).Select(a => $"{a} (import)")).ToList();

        Assert.True(unused.Count == 0, "granted but never called: " + string.Join(", ", unused));
    }

    /// <summary>What the lease table of several replicas is granted (not a kind: the controller's own table).</summary>
    private static IEnumerable<string> LeaseGrants => IamActions.LeaseActions.Concat(IamActions.LeaseTableCreateActions);

    [Fact]
    public void Tables_Should_CoverExactlyTheKnownKinds_When_ListedByKind()
    {
        var kinds = ResourceKinds.All.Select(k => k.Name).Order(StringComparer.Ordinal).ToList();
        var used = Used.Value.Select(u => u.Action).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(kinds, IamActions.ByKind.Keys.Order(StringComparer.Ordinal));
        Assert.All(IamActions.ImpliedByKind.Keys, k => Assert.Contains(k, kinds));
        Assert.All(IamActions.ImpliedByKind.Values.SelectMany(a => a), a => Assert.DoesNotContain(a, used));
        Assert.All(IamActions.ByKind, kv => Assert.Equal(kv.Value.Count, kv.Value.Distinct(StringComparer.Ordinal).Count()));
    }

    [Theory]
    [InlineData("s3", "ListBuckets", "s3:ListAllMyBuckets")]
    [InlineData("s3", "PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock")]
    [InlineData("s3", "GetBucketEncryption", "s3:GetEncryptionConfiguration")]
    [InlineData("s3", "PutBucketVersioning", "s3:PutBucketVersioning")]
    [InlineData("rds", "CreateDBInstance", "rds:CreateDBInstance")]
    public void ActionFor_Should_NameTheIamAction_When_ItDiffersFromTheOperation(string prefix, string operation, string action) =>
        Assert.Equal(action, IamActions.ActionFor(prefix, operation));
}
