using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>
/// The IAM actions the ecs-service provider calls, the beforeDeploy one-off tasks included; the first ECS service of
/// an account creates ECS's service-linked role.
/// </summary>
internal static class EcsServicePermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "tag:GetResources", "ecs:DescribeClusters", "ecs:DescribeServices", "ecs:CreateService", "ecs:UpdateService",
        "ecs:DeleteService", "ecs:TagResource",

        // beforeDeploy one-off tasks (BeforeDeployRunner): run with the new revision, found again, stopped on timeout.
        "ecs:RunTask", "ecs:ListTasks", "ecs:DescribeTasks", "ecs:StopTask",
    ],
    Implied: [IamActions.CreateServiceLinkedRole],
    LinkedRoleService: "ecs.amazonaws.com");
}
