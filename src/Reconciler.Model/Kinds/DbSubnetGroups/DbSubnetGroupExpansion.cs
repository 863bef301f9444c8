using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>The subnet group of a database of the spec, in the database's subnets.</summary>
internal static class DbSubnetGroupExpansion
{
    public static void Add(GraphContext ctx, DatabaseSpec db) =>
        ctx.Add(DbSubnetGroupKind.Kind, db.Name,
        [
            (DbSubnetGroupKind.Name, FieldValue.Of(DbInstanceExpansion.Identifier(ctx, db))),
            (DbSubnetGroupKind.Subnets, FieldValue.SetOf(ctx.Refs(ResourceKinds.Subnet, db.Subnets))),
        ]);
}
