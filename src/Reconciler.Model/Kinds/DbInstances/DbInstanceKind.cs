using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The db-instance kind. Identifier, engine, database name, master user, subnet group and encryption are fixed by
/// CreateDBInstance; the rest changes in place with ModifyDBInstance (RDS API reference). Stateful: replacing or
/// deleting one needs the database's allowReplacement.
/// </summary>
internal static class DbInstanceKind
{
    public const string Identifier = "identifier";
    public const string Engine = "engine";
    public const string EngineVersion = "engineVersion";
    public const string InstanceClass = "instanceClass";
    public const string AllocatedStorage = "allocatedStorage";
    public const string DatabaseName = "databaseName";
    public const string MasterUsername = "masterUsername";
    public const string SubnetGroup = "subnetGroup";
    public const string SecurityGroups = "securityGroups";
    public const string MultiAz = "multiAz";
    public const string DeletionProtection = "deletionProtection";
    public const string PubliclyAccessible = "publiclyAccessible";
    public const string BackupRetentionDays = "backupRetentionDays";
    public const string StorageEncrypted = "storageEncrypted";

    public static ResourceKind Kind { get; } = ResourceKind.Define("db-instance", 50,
        "An RDS instance (`spec.databases[]`), identifier `<environment>-<name>` in lower case, its master password kept by RDS in Secrets Manager; the AWS id is the identifier.",
        [
            new(Identifier, "`<environment>-<name>` (or the database's `awsName`) in lower case, as RDS stores it", ForcesReplacement: true),
            new(Engine, "the database engine (postgres)", ForcesReplacement: true),
            new(EngineVersion, "a major (\"16\") or minor (\"16.4\") version; a newer minor RDS moved to is no drift"),
            new(InstanceClass, "the DB instance class (db.t3.micro)"),
            new(AllocatedStorage, "storage in GiB"),
            new(DatabaseName, "the database created with the instance", ForcesReplacement: true),
            new(MasterUsername, "the master user's name", ForcesReplacement: true),
            new(SubnetGroup, "the database's subnet group", ForcesReplacement: true),
            new(SecurityGroups, "the VPC security groups"),
            new(MultiAz, "a standby in another zone"),
            new(DeletionProtection, "whether RDS refuses to delete it"),
            new(PubliclyAccessible, "whether it has a public address"),
            new(BackupRetentionDays, "days of automated backups"),
            new(StorageEncrypted, "always true", ForcesReplacement: true),
        ],
        stateful: true);
}
