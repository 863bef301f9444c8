using Reconciler.Model.Graph;
using K = Reconciler.Model.Kinds.ExecutionRoleKind;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The environment's own execution role, when a task definition asks for it, and which role each task definition's
/// secrets policy goes on. One role per environment, whatever the number of task definitions that ask.
/// </summary>
internal static class ExecutionRoleExpansion
{
    public static void Add(GraphContext ctx)
    {
        if (!ctx.Spec.TaskDefinitions.Any(t => t.OwnExecutionRole))
        {
            return;
        }

        ctx.Add(K.Kind, K.NodeName,
        [
            (K.Name, FieldValue.Of(ctx.Physical(K.Kind, K.NodeName))),
            (K.AssumeRolePolicy, FieldValue.Of(IamRoleKind.EcsTasksPrincipal)),
            (K.ManagedPolicies, FieldValue.SetOf([IamRoleKind.TaskExecutionPolicy])),
        ]);
    }

    /// <summary>The name of the role a task definition runs with: its own role's, the shared role's, or null when none.</summary>
    public static string? RoleName(GraphContext ctx, TaskDefinitionSpec td) =>
        td.OwnExecutionRole ? ctx.Physical(K.Kind, K.NodeName)
        : td.ExecutionRole is { } shared ? RoleNames.FromNameOrArn(shared)
        : null;

    /// <summary>The reference to the role a task definition runs with (to its AWS id, or to <paramref name="attribute"/>).</summary>
    public static string Reference(TaskDefinitionSpec td, string? attribute = null)
    {
        var (kind, name) = td.OwnExecutionRole ? (K.Kind, K.NodeName) : (IamRoleKind.Kind, RoleNames.FromNameOrArn(td.ExecutionRole ?? string.Empty));
        return attribute is null ? GraphContext.Ref(kind, name) : GraphContext.Ref(kind, name, attribute);
    }
}
