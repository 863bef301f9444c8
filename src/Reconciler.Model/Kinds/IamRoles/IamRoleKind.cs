using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The iam-role kind: a task execution role the spec names, shared by every environment of the account and used by
/// name. Its fields only ask for additions (a trusted service, attached managed policies), so nothing forces a
/// replacement and nothing is ever removed; the instance-profile kind has the same fields for its role.
/// </summary>
internal static class IamRoleKind
{
    public const string Name = "name";
    public const string AssumeRolePolicy = "assumeRolePolicy";
    public const string ManagedPolicies = "managedPolicies";

    /// <summary>The service ECS tasks assume their execution role as.</summary>
    public const string EcsTasksPrincipal = "ecs-tasks.amazonaws.com";

    /// <summary>AWS's managed policy for a task execution role (pull images, write logs).</summary>
    public const string TaskExecutionPolicy = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

    public static ResourceKind Kind { get; } = ResourceKind.Define("iam-role", 5,
        "A task definition's `executionRole`, shared by the account's environments, adopted or created by name and never deleted; the AWS id is its name, `arn` what task definitions refer to.",
        [
            new(Name, "the role's name (from a name or an ARN)"),
            new(AssumeRolePolicy, "the service that must be trusted: ecs-tasks.amazonaws.com (other trusted services are kept)"),
            new(ManagedPolicies, "managed policies that must be attached (others attached are kept)"),
        ],
        shared: true);
}
