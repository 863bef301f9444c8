namespace Reconciler.Aws.Rds;

/// <summary>
/// <c>CreateDBInstance</c>. There is no password member: the master password is always generated and kept by RDS in
/// Secrets Manager (<c>ManageMasterUserPassword</c>), so it never passes through a spec, this process or a log.
/// </summary>
internal sealed record CreateDbInstanceRequest(
    string Identifier,
    string InstanceClass,
    string Engine,
    string EngineVersion,
    int AllocatedStorage,
    string DatabaseName,
    string MasterUsername,
    string SubnetGroupName,
    IReadOnlyCollection<string> SecurityGroupIds,
    bool MultiAz,
    bool DeletionProtection,
    bool PubliclyAccessible,
    int BackupRetentionPeriod,
    bool StorageEncrypted,
    IReadOnlyDictionary<string, string> Tags);
