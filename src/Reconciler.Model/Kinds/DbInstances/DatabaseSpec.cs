namespace Reconciler.Model.Kinds;

internal sealed record DatabaseSpec(
    string Name,
    string Engine,
    string EngineVersion,
    string InstanceClass,
    int StorageGiB,
    string DatabaseName,
    string MasterUsername,
    IReadOnlyList<string> Subnets,
    IReadOnlyList<string> SecurityGroups,
    bool MultiAz,
    bool DeletionProtection,
    bool PubliclyAccessible,
    int BackupRetentionDays,
    bool AllowReplacement);
