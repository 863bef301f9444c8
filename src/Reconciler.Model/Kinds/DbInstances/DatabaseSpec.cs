using Reconciler.Model.Loading;

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
    bool AllowReplacement,
    string? AwsName = null,
    string? SubnetGroupAwsName = null)
{
    /// <summary>Reads one entry of <c>databases</c>, with its defaults (deletion protection on, 7 days of backups).</summary>
    public static DatabaseSpec Bind(MappingReader r) => new(
        Name: r.Required("name"),
        Engine: r.Choice("engine", ["postgres"], required: true) ?? "postgres",
        EngineVersion: r.Required("engineVersion"),
        InstanceClass: r.Required("instanceClass"),
        StorageGiB: r.Int("storageGiB", required: true, min: 20, max: 65536) ?? 0,
        DatabaseName: r.Required("databaseName"),
        MasterUsername: r.Required("masterUsername"),
        Subnets: r.StringList("subnets", required: true),
        SecurityGroups: r.StringList("securityGroups"),
        MultiAz: r.Bool("multiAz") ?? false,
        DeletionProtection: r.Bool("deletionProtection") ?? true,
        PubliclyAccessible: r.Bool("publiclyAccessible") ?? false,
        BackupRetentionDays: r.Int("backupRetentionDays", min: 0, max: 35) ?? 7,
        AllowReplacement: r.Bool("allowReplacement") ?? false,
        AwsName: r.String("awsName"),
        SubnetGroupAwsName: r.String("subnetGroupAwsName"));
}
