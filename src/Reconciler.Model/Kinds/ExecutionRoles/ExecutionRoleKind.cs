using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The execution-role kind: an environment's own task execution role, <c>&lt;environment&gt;-execution</c>, asked for
/// with <c>executionRole: { own: true }</c>. Unlike the shared iam-role kind it belongs to the environment: tagged with
/// the ownership tags at creation, converged exactly (its trust and its managed policies are ours to set), and deleted
/// with the environment. Its reason to exist: the secrets policy of the environment goes on it, so no role shared by
/// the account's environments grows with their number towards IAM's 10,240-character cap on a role's inline policies.
/// </summary>
internal static class ExecutionRoleKind
{
    public const string Name = "name";
    public const string AssumeRolePolicy = "assumeRolePolicy";
    public const string ManagedPolicies = "managedPolicies";

    /// <summary>The one node of the kind in an environment: <c>execution-role/execution</c>.</summary>
    public const string NodeName = "execution";

    /// <summary>
    /// A role name is at most 64 characters (IAM API reference, CreateRole, RoleName: "Maximum length of 64",
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
    /// </summary>
    public const int MaxNameLength = 64;

    public static ResourceKind Kind { get; } = ResourceKind.Define("execution-role", 6,
        "An environment's own task execution role `<environment>-execution` (`executionRole: { own: true }`): tagged, created, updated and deleted with the environment; the AWS id is its name, `arn` what task definitions refer to.",
        [
            new(Name, "`<environment>-execution`", ForcesReplacement: true),
            new(AssumeRolePolicy, "the services trusted to assume it: ecs-tasks.amazonaws.com"),
            new(ManagedPolicies, "the managed policies attached: AmazonECSTaskExecutionRolePolicy (others attached are detached)"),
        ]);
}
