using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>The subnet group of a database of the spec, in the database's subnets.</summary>
internal static class DbSubnetGroupExpansion
{
    /// <summary>
    /// Named after the database, or <c>subnetGroupAwsName</c> for an adopted database whose group was named otherwise (a
    /// group's name cannot change, and replacing it would replace the database); in lower case, as RDS stores it.
    /// </summary>
    public static string Name(GraphContext ctx, DatabaseSpec db) => db.SubnetGroupAwsName?.ToLowerInvariant() ?? DbInstanceExpansion.Identifier(ctx, db);

    public static void Add(GraphContext ctx, DatabaseSpec db) =>
        ctx.Add(DbSubnetGroupKind.Kind, db.Name,
        [
            (DbSubnetGroupKind.Name, FieldValue.Of(Name(ctx, db))),
            (DbSubnetGroupKind.Subnets, FieldValue.SetOf(ctx.Refs(ResourceKinds.Subnet, db.Subnets))),
        ]);
}
