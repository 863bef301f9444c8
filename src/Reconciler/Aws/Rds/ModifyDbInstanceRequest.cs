namespace Reconciler.Aws.Rds;

/// <summary><c>ModifyDBInstance</c>: null members are left as they are; changes apply immediately, not in the maintenance window.</summary>
internal sealed record ModifyDbInstanceRequest(string Identifier)
{
    public string? InstanceClass { get; init; }

    public int? AllocatedStorage { get; init; }

    public bool? MultiAz { get; init; }

    public bool? DeletionProtection { get; init; }

    public bool? PubliclyAccessible { get; init; }

    public int? BackupRetentionPeriod { get; init; }

    public IReadOnlyCollection<string>? SecurityGroupIds { get; init; }

    public string? EngineVersion { get; init; }

    public bool? AllowMajorVersionUpgrade { get; init; }
}
