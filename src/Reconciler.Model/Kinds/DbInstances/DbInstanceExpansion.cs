using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A database of the spec as its RDS instance, in its subnet group.</summary>
internal static class DbInstanceExpansion
{
    /// <summary>
    /// The identifier of the instance and the name of its subnet group. RDS stores both in lower case and answers them so
    /// ("This value is stored as a lowercase string": API reference of CreateDBSubnetGroup and CreateDBInstance): named as
    /// AWS keeps them, a name with capitals is not seen as changed (and replaced) at every pass.
    /// </summary>
    public static string Identifier(GraphContext ctx, DatabaseSpec db) => ctx.Physical(DbInstanceKind.Kind, db.Name).ToLowerInvariant();

    public static void Add(GraphContext ctx, DatabaseSpec db) =>
        ctx.Add(DbInstanceKind.Kind, db.Name,
        [
            (DbInstanceKind.Identifier, FieldValue.Of(Identifier(ctx, db))),
            (DbInstanceKind.Engine, FieldValue.Of(db.Engine)),
            (DbInstanceKind.EngineVersion, FieldValue.Of(db.EngineVersion)),
            (DbInstanceKind.InstanceClass, FieldValue.Of(db.InstanceClass)),
            (DbInstanceKind.AllocatedStorage, FieldValue.Of(db.StorageGiB)),
            (DbInstanceKind.DatabaseName, FieldValue.Of(db.DatabaseName)),
            (DbInstanceKind.MasterUsername, FieldValue.Of(db.MasterUsername)),
            (DbInstanceKind.SubnetGroup, FieldValue.Of(GraphContext.Ref(DbSubnetGroupKind.Kind, db.Name))),
            (DbInstanceKind.SecurityGroups, FieldValue.SetOf(ctx.Refs(ResourceKinds.SecurityGroup, db.SecurityGroups))),
            (DbInstanceKind.MultiAz, FieldValue.Of(db.MultiAz)),
            (DbInstanceKind.DeletionProtection, FieldValue.Of(db.DeletionProtection)),
            (DbInstanceKind.PubliclyAccessible, FieldValue.Of(db.PubliclyAccessible)),
            (DbInstanceKind.BackupRetentionDays, FieldValue.Of(db.BackupRetentionDays)),
            (DbInstanceKind.StorageEncrypted, FieldValue.Of(true)),
        ], allowReplacement: db.AllowReplacement);
}
