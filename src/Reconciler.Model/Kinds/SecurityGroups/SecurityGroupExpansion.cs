using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A security group of the spec, with its rules as <see cref="SecurityRule"/> records.</summary>
internal static class SecurityGroupExpansion
{
    public static void Add(GraphContext ctx, SecurityGroupSpec group)
    {
        var egress = group.Egress is null ? [SecurityRule.AllowAllEgress] : group.Egress.Select(SecurityRule.FromSpec);

        // Rules naming other groups are not dependencies: two groups may name each other. A group is created with the
        // rules it can resolve, and the next pass of the same apply adds the rest.
        ctx.Add(SecurityGroupKind.Kind, group.Name,
        [
            (SecurityGroupKind.Vpc, FieldValue.Of(VpcExpansion.Ref)),
            (SecurityGroupKind.Name, FieldValue.Of(ctx.Physical(SecurityGroupKind.Kind, group.Name))),
            (SecurityGroupKind.Description, FieldValue.Of(group.Description)),
            (SecurityGroupKind.Ingress, FieldValue.ItemsOf(group.Ingress.Select(SecurityRule.FromSpec))),
            (SecurityGroupKind.Egress, FieldValue.ItemsOf(egress)),
        ],
        [GraphContext.LogicalId(VpcKind.Kind, GraphBuilder.VpcName)], inferDependencies: false);
    }
}
