using Reconciler.Cli;
using Reconciler.Controller;
using Reconciler.Model.Graph;

namespace Reconciler.Security;

/// <summary>
/// <c>reconciler iam-policy</c>: the least-privilege identity policy for the kinds a set of specs uses, from
/// <see cref="IamActions"/>. Per service, the statements of <see cref="AbacStatements"/>: deletes and modifications
/// conditioned on the ownership tag, creations on the tags they send, tagging calls kept to our creations and our
/// resources, reads and what AWS offers no tag key for on <c>*</c>; scoped by name where names are known: the IAM roles
/// and instance profiles the specs name, iam:PassRole only for those roles and only to the service that runs them, the
/// SSM public parameters of the ECS-optimized AMIs, the environments' buckets (<c>&lt;env&gt;-*</c>), the S3 sources'
/// prefixes, the lease table of several replicas, the queue of S3 event notifications. Split into several documents when one would pass IAM's size limit
/// for a managed policy (<see cref="PolicyDocuments"/>).
/// Output is stable: statements sorted by Sid, actions and resources sorted.
/// </summary>
internal static class IamPolicy
{
    /// <param name="leaseTable">The DynamoDB lease table of several replicas (<c>run --lease-table</c>); null: none.</param>
    /// <param name="createLeaseTable">Whether the controller runs with <c>--create-lease-table</c>.</param>
    /// <param name="events">The SQS queue of S3 event notifications (<c>run --events</c>); null: none.</param>
    /// <param name="tagScope">The environments the tag conditions must name (a role per environment); null: the tag must be present.</param>
    public static IReadOnlyList<string> Documents(IReadOnlyList<LoadedEnvironment> environments, IReadOnlyList<S3SpecLocation> sources, string? leaseTable = null,
        bool createLeaseTable = false, IReadOnlyCollection<string>? tagScope = null, SqsQueueLocation? events = null) =>
        PolicyDocuments.Split(Statements(environments, sources, leaseTable, createLeaseTable, tagScope, events));

    /// <summary>The one document, or, when it had to be split, a JSON array of the documents.</summary>
    public static string Json(IReadOnlyList<LoadedEnvironment> environments, IReadOnlyList<S3SpecLocation> sources, string? leaseTable = null,
        bool createLeaseTable = false, IReadOnlyCollection<string>? tagScope = null, SqsQueueLocation? events = null) =>
        PolicyDocuments.Print(Documents(environments, sources, leaseTable, createLeaseTable, tagScope, events));

    /// <summary>Every statement, sorted by Sid.</summary>
    public static IReadOnlyList<PolicyStatement> Statements(IReadOnlyList<LoadedEnvironment> environments, IReadOnlyList<S3SpecLocation> sources, string? leaseTable = null,
        bool createLeaseTable = false, IReadOnlyCollection<string>? tagScope = null, SqsQueueLocation? events = null)
    {
        var kinds = environments.SelectMany(e => e.Graph.Resources).Select(r => r.Kind.Name).ToHashSet(StringComparer.Ordinal);
        var actions = kinds.SelectMany(k => IamActions.ByKind.GetValueOrDefault(k) ?? [])
            .Concat(kinds.SelectMany(k => IamActions.ImpliedByKind.GetValueOrDefault(k) ?? []))
            .ToHashSet(StringComparer.Ordinal);
        var statements = new List<PolicyStatement>();

        statements.AddRange(AbacStatements.For(
            actions.Where(a => !a.StartsWith("iam:", StringComparison.Ordinal) && !a.StartsWith("s3:", StringComparison.Ordinal) && !a.StartsWith("ssm:", StringComparison.Ordinal)),
            tagScope));

        if (actions.Contains("ssm:GetParameter"))
        {
            statements.Add(PolicyStatement.Of("SsmEcsOptimizedImage", ["ssm:GetParameter"], ["arn:aws:ssm:*::parameter/aws/service/ecs/*"]));
        }

        AddIam(environments, actions, kinds, statements, tagScope);
        AddBuckets(environments, actions, statements);
        AddSources(sources, statements);
        if (leaseTable is { Length: > 0 })
        {
            var leaseActions = createLeaseTable ? IamActions.LeaseActions.Concat(IamActions.LeaseTableCreateActions) : IamActions.LeaseActions;
            statements.Add(PolicyStatement.Of("DynamoDbLeaseTable", leaseActions, [$"arn:aws:dynamodb:*:*:table/{leaseTable}"]));
        }

        if (events is not null)
        {
            // On this queue only: the controller never sends, purges or reconfigures it.
            statements.Add(PolicyStatement.Of("SqsSpecEvents", IamActions.EventQueueActions, [events.Arn]));
        }

        return [.. statements.OrderBy(s => s.Sid, StringComparer.Ordinal)];
    }

    private static void AddIam(IReadOnlyList<LoadedEnvironment> environments, HashSet<string> actions, HashSet<string> kinds, List<PolicyStatement> statements,
        IReadOnlyCollection<string>? tagScope)
    {
        var resources = environments.SelectMany(e => e.Graph.Resources).ToList();
        var roles = resources.Where(r => r.Kind == ResourceKinds.IamRole).Select(r => r.Get(IamRoleKind.Name) ?? r.Name)
            .Concat(resources.Where(r => r.Kind == ResourceKinds.InstanceProfile).Select(r => r.Get(InstanceProfileKind.Name) ?? r.Name))
            .Select(RoleArn).ToList();
        var profiles = resources.Where(r => r.Kind == ResourceKinds.InstanceProfile).Select(r => $"arn:aws:iam::*:instance-profile/{r.Get(InstanceProfileKind.Name) ?? r.Name}").ToList();
        // On the shared roles only what the shared kinds call (never the owned role's DeleteRole or DetachRolePolicy).
        // The secrets policy's actions go on the shared roles only when a policy is on one (else only on the owned roles).
        var onShared = resources.Any(r => r.Kind == ResourceKinds.RolePolicy && (r.Get(RolePolicyKind.Role) ?? string.Empty).StartsWith("${" + ResourceKinds.IamRole.Name + "/", StringComparison.Ordinal));
        var managed = SharedIamKinds.Where(k => kinds.Contains(k) && (k != ResourceKinds.RolePolicy.Name || onShared)).SelectMany(k => IamActions.ByKind[k].Concat(IamActions.ImpliedByKind.GetValueOrDefault(k) ?? []))
            .Where(a => a.StartsWith("iam:", StringComparison.Ordinal) && a is not IamActions.PassRole and not IamActions.CreateServiceLinkedRole)
            .Distinct(StringComparer.Ordinal).ToList();
        if (managed.Count > 0 && roles.Count + profiles.Count > 0)
        {
            statements.Add(PolicyStatement.Of("IamSharedRoles", managed, roles.Concat(profiles)));
        }

        var owned = resources.Where(r => r.Kind == ResourceKinds.ExecutionRole).Select(r => RoleArn(r.Get(ExecutionRoleKind.Name) ?? r.Name)).Distinct(StringComparer.Ordinal).ToList();
        AddOwnedRoles(owned, kinds, statements, tagScope);

        // iam:PassRole only for the roles the specs name, and only to the service that uses them.
        var taskRoles = environments.SelectMany(e => e.Document.Spec.TaskDefinitions)
            .SelectMany(t => new[] { t.ExecutionRole, t.TaskRole }).OfType<string>().Select(RoleArn).Concat(owned).ToList();
        if (kinds.Contains(ResourceKinds.TaskDefinition.Name) && taskRoles.Count > 0)
        {
            statements.Add(PolicyStatement.Of("IamPassRoleToEcsTasks", [IamActions.PassRole], taskRoles, new PolicyCondition("StringEquals", "iam:PassedToService", ["ecs-tasks.amazonaws.com"])));
        }

        var hostRoles = resources.Where(r => r.Kind == ResourceKinds.InstanceProfile).Select(r => RoleArn(r.Get(InstanceProfileKind.Name) ?? r.Name)).ToList();
        if (kinds.Contains(ResourceKinds.Instance.Name) && hostRoles.Count > 0)
        {
            statements.Add(PolicyStatement.Of("IamPassRoleToEc2", [IamActions.PassRole], hostRoles, new PolicyCondition("StringEquals", "iam:PassedToService", ["ec2.amazonaws.com"])));
        }

        var linked = kinds.Select(k => IamActions.LinkedRoleService.GetValueOrDefault(k)).OfType<string>().ToList();
        if (linked.Count > 0)
        {
            statements.Add(PolicyStatement.Of("IamServiceLinkedRoles", [IamActions.CreateServiceLinkedRole], ["arn:aws:iam::*:role/aws-service-role/*"], new PolicyCondition("StringEquals", "iam:AWSServiceName", [.. linked.Order(StringComparer.Ordinal)])));
        }
    }

    /// <summary>The kinds whose IAM calls name the shared roles and instance profiles the specs name.</summary>
    private static readonly string[] SharedIamKinds = [ResourceKinds.IamRole.Name, ResourceKinds.InstanceProfile.Name, ResourceKinds.RolePolicy.Name];

    /// <summary>
    /// The environments' own execution roles, by name and by tag (IAM evaluates aws:RequestTag on CreateRole and TagRole
    /// and aws:ResourceTag on a role's other actions: "Controlling access to and for IAM users and roles using tags",
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_iam-tags.html): reads unconditioned; CreateRole, and
    /// TagRole during it, only when the request sends the ownership tags; every change, the delete path and the
    /// secrets policy only on a role that carries the environment's tag.
    /// </summary>
    private static void AddOwnedRoles(IReadOnlyList<string> owned, HashSet<string> kinds, List<PolicyStatement> statements, IReadOnlyCollection<string>? tagScope)
    {
        if (owned.Count == 0)
        {
            return;
        }

        var policy = kinds.Contains(ResourceKinds.RolePolicy.Name) ? IamActions.ByKind[ResourceKinds.RolePolicy.Name] : [];
        var all = IamActions.ByKind[ResourceKinds.ExecutionRole.Name].Concat(policy).Distinct(StringComparer.Ordinal).ToList();
        string[] reads = ["iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies"];
        string[] creates = ["iam:CreateRole", "iam:TagRole"];
        statements.Add(PolicyStatement.Of("IamOwnedRolesRead", all.Where(reads.Contains), owned));
        statements.Add(PolicyStatement.Of("IamOwnedRolesCreate", creates, owned, AbacStatements.Requested(tagScope), AbacStatements.LogicalIdSent));
        statements.Add(PolicyStatement.Of("IamOwnedRolesChange", all.Where(a => !reads.Contains(a) && a != "iam:CreateRole"), owned, AbacStatements.Owned(tagScope)));
    }

    /// <summary>A role name as its ARN pattern (any account); an ARN as written.</summary>
    private static string RoleArn(string nameOrArn) => nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? nameOrArn : $"arn:aws:iam::*:role/{nameOrArn}";

    private static void AddBuckets(IReadOnlyList<LoadedEnvironment> environments, HashSet<string> actions, List<PolicyStatement> statements)
    {
        var bucketActions = actions.Where(a => a.StartsWith("s3:", StringComparison.Ordinal) && a != "s3:ListAllMyBuckets").ToList();
        if (actions.Contains("s3:ListAllMyBuckets"))
        {
            statements.Add(PolicyStatement.Of("S3ListBuckets", ["s3:ListAllMyBuckets"], ["*"]));
        }

        if (bucketActions.Count > 0)
        {
            // Observation reads the tags of every bucket named with an environment's prefix.
            var owned = environments.Where(e => e.Graph.Resources.Any(r => r.Kind == ResourceKinds.Bucket)).Select(e => $"arn:aws:s3:::{e.Document.Name}-*");
            statements.Add(PolicyStatement.Of("S3Buckets", bucketActions, owned));
        }
    }

    /// <summary>
    /// Each source as the controller reads it (<see cref="S3SpecLocation"/>: <c>s3://b/prod</c> is the folder <c>prod/</c>):
    /// ListBucket limited by the <c>s3:prefix</c> condition key to the prefix S3Source lists with, objects below it
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html); a whole bucket has no condition.
    /// </summary>
    private static void AddSources(IReadOnlyList<S3SpecLocation> sources, List<PolicyStatement> statements)
    {
        if (sources.Count == 0)
        {
            return;
        }

        PolicyCondition[] listed = sources.All(s => s.Prefix.Length > 0)
            ? [new PolicyCondition("StringLike", "s3:prefix", [.. sources.Select(s => s.Prefix + "*").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)])]
            : [];
        statements.Add(PolicyStatement.Of("S3SourceList", ["s3:ListBucket"], sources.Select(s => $"arn:aws:s3:::{s.Bucket}"), listed));
        statements.Add(PolicyStatement.Of("S3SourceObjects", IamActions.SourceActions.Where(a => a != "s3:ListBucket"), sources.Select(s => $"arn:aws:s3:::{s.Bucket}/{s.Prefix}*")));
    }
}
