using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// An execution role the spec names, shared by every environment of the account: no tags (the user's tags differ by
/// environment and would flip-flop on one role), and fields that only ask for additions.
/// </summary>
internal static class IamRoleExpansion
{
    public static void Add(GraphContext ctx, string role) =>
        ctx.AddShared(IamRoleKind.Kind, role,
        [
            (IamRoleKind.Name, FieldValue.Of(role)),
            (IamRoleKind.AssumeRolePolicy, FieldValue.Of(IamRoleKind.EcsTasksPrincipal)),
            (IamRoleKind.ManagedPolicies, FieldValue.SetOf([IamRoleKind.TaskExecutionPolicy])),
        ]);
}
