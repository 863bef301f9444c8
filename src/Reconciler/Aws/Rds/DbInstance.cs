namespace Reconciler.Aws.Rds;

/// <summary>The parts of an RDS <c>DBInstance</c> the engine reads.</summary>
internal sealed record DbInstance(
    string Identifier,
    string Arn,
    string Status,
    string Engine,
    string EngineVersion,
    string InstanceClass,
    int AllocatedStorage,
    string? DatabaseName,
    string MasterUsername,
    string? SubnetGroupName,
    IReadOnlyList<string> SecurityGroupIds,
    bool MultiAz,
    bool DeletionProtection,
    bool PubliclyAccessible,
    int BackupRetentionPeriod,
    bool StorageEncrypted,
    string? EndpointAddress,
    int? EndpointPort,
    string? MasterUserSecretArn,
    IReadOnlyDictionary<string, string> Tags);
