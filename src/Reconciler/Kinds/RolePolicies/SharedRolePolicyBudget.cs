using Reconciler.Model.Graph;
using Reconciler.Model.Loading;
using Reconciler.Model.Validation;

namespace Reconciler.Kinds;

/// <summary>
/// Warns before IAM refuses: every environment whose task definitions name secrets puts its policy
/// <c>reconciler-&lt;environment&gt;-secrets</c> on the execution role it names, and a role shared by many environments
/// sums them. IAM caps that sum: "Role policy size cannot exceed 10,240 characters" for the inline policies of a role
/// together, white space not counted (IAM and AWS STS quotas,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); past it PutRolePolicy answers
/// LimitExceeded, which moto does not play. From the specs loaded together (the CLI's files, the controller's
/// catalog), this estimates each shared role's sum per account (each policy as <see cref="SecretsPolicyDocument"/>
/// writes it, a secret still unknown, such as a database's, at the length of an RDS-managed secret's ARN) and warns
/// each environment on it once the sum passes <see cref="WarnAt"/> of the cap, with the fix: its own role.
/// Inline policies others put on the role are not known here: the warning says the sum is a floor.
/// </summary>
internal static class SharedRolePolicyBudget
{
    /// <summary>IAM's cap on a role's inline policies together, in non-white-space characters (source above).</summary>
    public const int Limit = 10_240;

    /// <summary>Warn from this share of the cap: a few more environments, or a few more secrets, reach it.</summary>
    public const double WarnAt = 0.8;

    /// <summary>
    /// An RDS-managed master secret's ARN, for a secret the spec names by reference (the database's): "rds!db-" and a
    /// UUID, then Secrets Manager's 6 random characters.
    /// </summary>
    private static string UnknownSecret(string region) => $"arn:aws:secretsmanager:{region}:123456789012:secret:rds!db-{new string('0', 8)}-0000-0000-0000-{new string('0', 12)}-000000";

    public static IReadOnlyList<Diagnostic> Check(IReadOnlyList<LoadedSpec> specs)
    {
        var policies = new List<(string Account, string Role, LoadedSpec Spec, int Size)>();
        foreach (var spec in specs.Where(s => s.IsValid && s.Graph is not null))
        {
            var region = spec.Document!.Spec.Region;
            foreach (var node in spec.Graph!.Resources.Where(r => r.Kind == ResourceKinds.RolePolicy && IsOnSharedRole(r)))
            {
                var secrets = node.SetOf(RolePolicyKind.Secrets).Select(s => s.Contains("${", StringComparison.Ordinal) ? UnknownSecret(region) : s).ToList();
                var size = SecretsPolicyDocument.Write(secrets, node.SetOf(RolePolicyKind.Parameters)).Count(c => !char.IsWhiteSpace(c));
                policies.Add((spec.Document.Spec.Account?.Id ?? string.Empty, node.Name, spec, size));
            }
        }

        var result = new List<Diagnostic>();
        foreach (var role in policies.GroupBy(p => (p.Account, p.Role)).Where(g => g.Sum(p => p.Size) > Limit * WarnAt))
        {
            var total = role.Sum(p => p.Size);
            var state = total > Limit ? "over" : "near";
            foreach (var (_, name, spec, size) in role)
            {
                var path = ExecutionRolePath(spec, name);
                result.Add(new Diagnostic(Severity.Warning, spec.File, spec.Positions.Find(path), path,
                    $"the secrets policies of {role.Count()} environments on the shared role {name} come to about {total:N0} characters (this one's about {size:N0}), " +
                    $"{state} IAM's {Limit:N0}-character cap on a role's inline policies, before any policy others put on it: past it IAM refuses the policy (LimitExceeded). " +
                    "Give the environment its own execution role: executionRole: { own: true }"));
            }
        }

        return result;
    }

    private static bool IsOnSharedRole(DesiredResource policy) =>
        (policy.Get(RolePolicyKind.Role) ?? string.Empty).StartsWith("${" + ResourceKinds.IamRole.Name + "/", StringComparison.Ordinal);

    /// <summary>The first task definition's <c>executionRole</c> that names <paramref name="role"/>, where the warning points.</summary>
    private static string ExecutionRolePath(LoadedSpec spec, string role)
    {
        var tds = spec.Document!.Spec.TaskDefinitions;
        for (var i = 0; i < tds.Count; i++)
        {
            if (tds[i].ExecutionRole is { } named && RoleNames.FromNameOrArn(named) == role)
            {
                return $"spec.taskDefinitions[{i}].executionRole";
            }
        }

        return "spec.taskDefinitions";
    }
}
