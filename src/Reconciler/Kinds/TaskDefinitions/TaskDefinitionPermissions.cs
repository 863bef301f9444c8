using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the task-definition provider calls; RegisterTaskDefinition with an execution or task role passes it to ECS tasks.</summary>
internal static class TaskDefinitionPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "tag:GetResources", "ecs:ListTaskDefinitions", "ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition",
        "ecs:DeregisterTaskDefinition", "ecs:TagResource",
    ],
    Implied: [IamActions.PassRole]);
}
