using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>An instance profile a host group names, shared like an execution role (see <see cref="IamRoleExpansion"/>).</summary>
internal static class InstanceProfileExpansion
{
    public static void Add(GraphContext ctx, string profile) =>
        ctx.AddShared(InstanceProfileKind.Kind, profile,
        [
            (InstanceProfileKind.Name, FieldValue.Of(profile)),
            (InstanceProfileKind.AssumeRolePolicy, FieldValue.Of(InstanceProfileKind.Ec2Principal)),
            (InstanceProfileKind.ManagedPolicies, FieldValue.SetOf([InstanceProfileKind.ContainerInstancePolicy])),
        ]);
}
