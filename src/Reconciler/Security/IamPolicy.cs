using System.Text;
using System.Text.Json;
using Reconciler.Cli;
using Reconciler.Controller;
using Reconciler.Model.Graph;

namespace Reconciler.Security;

/// <summary>
/// <c>reconciler iam-policy</c>: the least-privilege identity policy for the kinds a set of specs uses, from
/// <see cref="IamActions"/>. One statement per service, on <c>*</c> where the API cannot be scoped (Describe and List
/// calls, and creates whose resource does not exist yet); scoped where names are known: the IAM roles and instance
/// profiles the specs name, iam:PassRole only for those roles and only to the service that runs them, the SSM public
/// parameters of the ECS-optimized AMIs, the environments' buckets (<c>&lt;env&gt;-*</c>), the S3 sources' prefixes, the
/// lease table of several replicas, the queue of S3 event notifications.
/// Output is stable: statements sorted by Sid, actions and resources sorted.
/// </summary>
internal static class IamPolicy
{
    private sealed record Statement(string Sid, SortedSet<string> Actions, SortedSet<string> Resources, (string Operator, string Key, SortedSet<string> Values)? Condition = null);

    /// <param name="leaseTable">The DynamoDB lease table of several replicas (<c>run --lease-table</c>); null: none.</param>
    /// <param name="createLeaseTable">Whether the controller runs with <c>--create-lease-table</c>.</param>
    /// <param name="events">The SQS queue of S3 event notifications (<c>run --events</c>); null: none.</param>
    public static string Json(IReadOnlyList<LoadedEnvironment> environments, IReadOnlyList<S3SpecLocation> sources, string? leaseTable = null, bool createLeaseTable = false, SqsQueueLocation? events = null)
    {
        var kinds = environments.SelectMany(e => e.Graph.Resources).Select(r => r.Kind.Name).ToHashSet(StringComparer.Ordinal);
        var actions = kinds.SelectMany(k => IamActions.ByKind.GetValueOrDefault(k) ?? [])
            .Concat(kinds.SelectMany(k => IamActions.ImpliedByKind.GetValueOrDefault(k) ?? []))
            .ToHashSet(StringComparer.Ordinal);
        var statements = new List<Statement>();

        foreach (var group in actions.Where(a => !a.StartsWith("iam:", StringComparison.Ordinal) && !a.StartsWith("s3:", StringComparison.Ordinal) && !a.StartsWith("ssm:", StringComparison.Ordinal))
                     .GroupBy(a => a[..a.IndexOf(':', StringComparison.Ordinal)], StringComparer.Ordinal))
        {
            statements.Add(new Statement(Sid(group.Key), Set(group), Set(["*"])));
        }

        if (actions.Contains("ssm:GetParameter"))
        {
            statements.Add(new Statement("SsmEcsOptimizedImage", Set(["ssm:GetParameter"]), Set(["arn:aws:ssm:*::parameter/aws/service/ecs/*"])));
        }

        AddIam(environments, actions, kinds, statements);
        AddBuckets(environments, actions, statements);
        AddSources(sources, statements);
        if (leaseTable is { Length: > 0 })
        {
            var leaseActions = createLeaseTable ? IamActions.LeaseActions.Concat(IamActions.LeaseTableCreateActions) : IamActions.LeaseActions;
            statements.Add(new Statement("DynamoDbLeaseTable", Set(leaseActions), Set([$"arn:aws:dynamodb:*:*:table/{leaseTable}"])));
        }

        if (events is not null)
        {
            // On this queue only: the controller never sends, purges or reconfigures it.
            statements.Add(new Statement("SqsSpecEvents", Set(IamActions.EventQueueActions), Set([events.Arn])));
        }

        return Write(statements.OrderBy(s => s.Sid, StringComparer.Ordinal));
    }

    private static void AddIam(IReadOnlyList<LoadedEnvironment> environments, HashSet<string> actions, HashSet<string> kinds, List<Statement> statements)
    {
        var resources = environments.SelectMany(e => e.Graph.Resources).ToList();
        var roles = resources.Where(r => r.Kind == ResourceKinds.IamRole).Select(r => r.Get(IamRoleKind.Name) ?? r.Name)
            .Concat(resources.Where(r => r.Kind == ResourceKinds.InstanceProfile).Select(r => r.Get(InstanceProfileKind.Name) ?? r.Name))
            .Select(RoleArn);
        var profiles = resources.Where(r => r.Kind == ResourceKinds.InstanceProfile).Select(r => $"arn:aws:iam::*:instance-profile/{r.Get(InstanceProfileKind.Name) ?? r.Name}");
        var managed = actions.Where(a => a.StartsWith("iam:", StringComparison.Ordinal) && a is not IamActions.PassRole and not IamActions.CreateServiceLinkedRole).ToList();
        if (managed.Count > 0)
        {
            statements.Add(new Statement("IamSharedRoles", Set(managed), Set(roles.Concat(profiles))));
        }

        // iam:PassRole only for the roles the specs name, and only to the service that uses them.
        var taskRoles = environments.SelectMany(e => e.Document.Spec.TaskDefinitions)
            .SelectMany(t => new[] { t.ExecutionRole, t.TaskRole }).OfType<string>().Select(RoleArn).ToList();
        if (kinds.Contains(ResourceKinds.TaskDefinition.Name) && taskRoles.Count > 0)
        {
            statements.Add(new Statement("IamPassRoleToEcsTasks", Set([IamActions.PassRole]), Set(taskRoles), ("StringEquals", "iam:PassedToService", Set(["ecs-tasks.amazonaws.com"]))));
        }

        var hostRoles = resources.Where(r => r.Kind == ResourceKinds.InstanceProfile).Select(r => RoleArn(r.Get(InstanceProfileKind.Name) ?? r.Name)).ToList();
        if (kinds.Contains(ResourceKinds.Instance.Name) && hostRoles.Count > 0)
        {
            statements.Add(new Statement("IamPassRoleToEc2", Set([IamActions.PassRole]), Set(hostRoles), ("StringEquals", "iam:PassedToService", Set(["ec2.amazonaws.com"]))));
        }

        var linked = kinds.Select(k => IamActions.LinkedRoleService.GetValueOrDefault(k)).OfType<string>().ToList();
        if (linked.Count > 0)
        {
            statements.Add(new Statement("IamServiceLinkedRoles", Set([IamActions.CreateServiceLinkedRole]), Set(["arn:aws:iam::*:role/aws-service-role/*"]), ("StringEquals", "iam:AWSServiceName", Set(linked))));
        }
    }

    /// <summary>A role name as its ARN pattern (any account); an ARN as written.</summary>
    private static string RoleArn(string nameOrArn) => nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? nameOrArn : $"arn:aws:iam::*:role/{nameOrArn}";

    private static void AddBuckets(IReadOnlyList<LoadedEnvironment> environments, HashSet<string> actions, List<Statement> statements)
    {
        var bucketActions = actions.Where(a => a.StartsWith("s3:", StringComparison.Ordinal) && a != "s3:ListAllMyBuckets").ToList();
        if (actions.Contains("s3:ListAllMyBuckets"))
        {
            statements.Add(new Statement("S3ListBuckets", Set(["s3:ListAllMyBuckets"]), Set(["*"])));
        }

        if (bucketActions.Count > 0)
        {
            // Observation reads the tags of every bucket named with an environment's prefix.
            var owned = environments.Where(e => e.Graph.Resources.Any(r => r.Kind == ResourceKinds.Bucket)).Select(e => $"arn:aws:s3:::{e.Document.Name}-*");
            statements.Add(new Statement("S3Buckets", Set(bucketActions), Set(owned)));
        }
    }

    /// <summary>
    /// Each source as the controller reads it (<see cref="S3SpecLocation"/>: <c>s3://b/prod</c> is the folder <c>prod/</c>):
    /// ListBucket limited by the <c>s3:prefix</c> condition key to the prefix S3Source lists with, objects below it
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html); a whole bucket has no condition.
    /// </summary>
    private static void AddSources(IReadOnlyList<S3SpecLocation> sources, List<Statement> statements)
    {
        if (sources.Count == 0)
        {
            return;
        }

        statements.Add(new Statement("S3SourceList", Set(["s3:ListBucket"]), Set(sources.Select(s => $"arn:aws:s3:::{s.Bucket}")),
            sources.All(s => s.Prefix.Length > 0) ? ("StringLike", "s3:prefix", Set(sources.Select(s => s.Prefix + "*"))) : null));
        statements.Add(new Statement("S3SourceObjects", Set(IamActions.SourceActions.Where(a => a != "s3:ListBucket")), Set(sources.Select(s => $"arn:aws:s3:::{s.Bucket}/{s.Prefix}*"))));
    }

    private static string Sid(string prefix) => string.Concat(prefix.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static SortedSet<string> Set(IEnumerable<string> items) => new(items, StringComparer.Ordinal);

    private static string Write(IEnumerable<Statement> statements)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");
            foreach (var s in statements)
            {
                json.WriteStartObject();
                json.WriteString("Sid", s.Sid);
                json.WriteString("Effect", "Allow");
                json.WriteStartArray("Action");
                foreach (var action in s.Actions)
                {
                    json.WriteStringValue(action);
                }

                json.WriteEndArray();
                if (s.Resources.Count == 1)
                {
                    json.WriteString("Resource", s.Resources.Min);
                }
                else
                {
                    json.WriteStartArray("Resource");
                    foreach (var resource in s.Resources)
                    {
                        json.WriteStringValue(resource);
                    }

                    json.WriteEndArray();
                }

                if (s.Condition is { } c)
                {
                    json.WriteStartObject("Condition");
                    json.WriteStartObject(c.Operator);
                    json.WriteStartArray(c.Key);
                    foreach (var value in c.Values)
                    {
                        json.WriteStringValue(value);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
