using System.Collections.Immutable;
using System.Globalization;
using Reconciler.Aws;
using Reconciler.Aws.Rds;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using K = Reconciler.Model.Kinds.DbInstanceKind;

namespace Reconciler.Kinds;

/// <summary>
/// A PostgreSQL (or other engine) RDS instance. Its AWS id is the identifier <c>&lt;env&gt;-&lt;db&gt;</c>.
/// The master password is generated and kept by RDS in Secrets Manager (ManageMasterUserPassword): it never exists in
/// a spec, in this process or in a log; the secret's ARN is the <c>secretArn</c> attribute, which task definitions name.
/// Creation and deletion return at once: until RDS reports it usable the resource is not ready (<see cref="Readiness"/>),
/// so its dependents wait and no worker is held for the ten minutes a creation takes; a deletion is issued and the
/// instance is observed as deleting (not ready) until it is gone, while its subnet group and security groups wait.
/// Changes RDS makes in place go through one ModifyDBInstance with ApplyImmediately; the fields it cannot change
/// (identifier, engine, database name, master user, subnet group, encryption) are replacements, which the planner
/// blocks unless the database opts in with allowReplacement.
/// </summary>
internal sealed class DbInstanceProvider(IRdsApi rds, TimeProvider time) : IResourceProvider
{
    /// <summary>
    /// Statuses in which the database serves connections. Backups, storage optimisation (which can last hours after a
    /// storage change) and modifications keep it usable, so dependents need not wait for them.
    /// </summary>
    private static readonly HashSet<string> UsableStatuses = new(StringComparer.Ordinal)
    {
        "available", "backing-up", "storage-optimization", "modifying", "maintenance",
    };

    /// <summary>The full version RDS runs (the field holds it in the spec's terms: see <see cref="EngineVersions"/>).</summary>
    private const string EngineVersionAttribute = "engineVersion";

    public ResourceKind Kind => K.Kind;

    /// <summary>How soon to look again at an instance RDS is still creating, changing or deleting (minutes each).</summary>
    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(15);

    /// <summary>
    /// One paged DescribeDBInstances (RDS cannot filter instances by tag; each instance carries its TagList, moto's
    /// too, so no per-instance ListTagsForResource is needed). The desired resources are used only to state the engine
    /// version in the spec's terms (see <see cref="EngineVersions"/>).
    /// </summary>
    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var wanted = desired
            .Where(d => d.Tags.ContainsKey(Ownership.EnvironmentTag))
            .GroupBy(d => (d.Tags[Ownership.EnvironmentTag], d.LogicalId))
            .ToDictionary(g => g.Key, g => g.First().Get(K.EngineVersion));
        var instances = await rds.DescribeDbInstancesAsync(null, ct).ConfigureAwait(false);
        return instances
            .Where(i => i.Tags.TryGetValue(Ownership.EnvironmentTag, out var env) && environments.Contains(env))
            .Select(i => Observed(i, wanted.GetValueOrDefault((i.Tags[Ownership.EnvironmentTag], i.Tags.GetValueOrDefault(Ownership.LogicalIdTag) ?? string.Empty))))
            .OfType<ObservedResource>()
            .ToList();
    }

    private ObservedResource? Observed(DbInstance i, string? desiredVersion) =>
        TaggedResources.Observed(Kind, i.Identifier, i.Tags,
        [
            (K.Identifier, FieldValue.Of(i.Identifier)),
            (K.Engine, FieldValue.Of(i.Engine)),
            (K.EngineVersion, FieldValue.Of(EngineVersions.Observed(desiredVersion, i.EngineVersion))),
            (K.InstanceClass, FieldValue.Of(i.InstanceClass)),
            (K.AllocatedStorage, FieldValue.Of(i.AllocatedStorage)),
            (K.DatabaseName, FieldValue.Of(i.DatabaseName ?? string.Empty)),
            (K.MasterUsername, FieldValue.Of(i.MasterUsername)),
            (K.SubnetGroup, FieldValue.Of(i.SubnetGroupName ?? string.Empty)),
            (K.SecurityGroups, FieldValue.SetOf(i.SecurityGroupIds)),
            (K.MultiAz, FieldValue.Of(i.MultiAz)),
            (K.DeletionProtection, FieldValue.Of(i.DeletionProtection)),
            (K.PubliclyAccessible, FieldValue.Of(i.PubliclyAccessible)),
            (K.BackupRetentionDays, FieldValue.Of(i.BackupRetentionPeriod)),
            (K.StorageEncrypted, FieldValue.Of(i.StorageEncrypted)),
        ],
        Attributes(i)) is { } observed ? observed with { Readiness = ReadinessOf(i.Status) } : null;

    private static IEnumerable<(string Key, string Value)> Attributes(DbInstance i)
    {
        yield return ("arn", i.Arn);
        yield return ("status", i.Status);
        yield return (EngineVersionAttribute, i.EngineVersion);
        // What task definitions read (container environment and secrets). The endpoint and the managed secret exist
        // only once RDS has made them (DBInstance.Endpoint: not set while "creating"): until then they are left out, so
        // that a reference to them stays "known after apply" instead of resolving to an empty string.
        foreach (var (key, value) in new[]
                 {
                     ("address", i.EndpointAddress), ("port", i.EndpointPort?.ToString(CultureInfo.InvariantCulture)), ("secretArn", i.MasterUserSecretArn),
                     ("name", i.DatabaseName), ("username", i.MasterUsername),
                 })
        {
            if (!string.IsNullOrEmpty(value))
            {
                yield return (key, value);
            }
        }
    }

    /// <summary>
    /// Usable in the statuses of <see cref="UsableStatuses"/>; creating, deleting and the rest are minutes long (RDS user
    /// guide, "Viewing Amazon RDS DB instance status").
    /// </summary>
    private static Readiness ReadinessOf(string status) =>
        UsableStatuses.Contains(status) ? Readiness.Ready : Readiness.NotReady($"RDS instance is {status}", BusyRetry);

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var identifier = desired.Get(K.Identifier);
        var created = await TaggedResources.CreateOrAdoptAsync(
            () => rds.CreateDbInstanceAsync(new CreateDbInstanceRequest(
                identifier,
                desired.Get(K.InstanceClass),
                desired.Get(K.Engine),
                desired.Get(K.EngineVersion),
                desired.Int(K.AllocatedStorage),
                desired.Get(K.DatabaseName),
                desired.Get(K.MasterUsername),
                desired.Get(K.SubnetGroup),
                desired.Set(K.SecurityGroups),
                Bool(desired, K.MultiAz),
                Bool(desired, K.DeletionProtection),
                Bool(desired, K.PubliclyAccessible),
                desired.Int(K.BackupRetentionDays),
                Bool(desired, K.StorageEncrypted),
                desired.Tags), ct),
            // Taken: ours when its tags say so (a create retried after its answer was lost), else never touched.
            async () => (await rds.DescribeDbInstancesAsync(identifier, ct).ConfigureAwait(false)) is [var existing, ..] ? (existing, existing.Tags) : null,
            i => i.Identifier,
            desired.Tags,
            $"the DB instance identifier {identifier}",
            "DBInstanceAlreadyExists").ConfigureAwait(false);
        return new CreatedResource(created.Identifier, Attributes(created).ToImmutableSortedDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal))
        {
            Readiness = ReadinessOf(created.Status),
        };
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        var request = new ModifyDbInstanceRequest(actual.AwsId);
        var modify = false;
        foreach (var change in changes.Where(c => !c.Path.StartsWith("tags.", StringComparison.Ordinal)))
        {
            modify = true;
            request = change.Path switch
            {
                K.InstanceClass => request with { InstanceClass = desired.Get(K.InstanceClass) },
                K.AllocatedStorage => request with { AllocatedStorage = desired.Int(K.AllocatedStorage) },
                K.MultiAz => request with { MultiAz = Bool(desired, K.MultiAz) },
                K.DeletionProtection => request with { DeletionProtection = Bool(desired, K.DeletionProtection) },
                K.PubliclyAccessible => request with { PubliclyAccessible = Bool(desired, K.PubliclyAccessible) },
                K.BackupRetentionDays => request with { BackupRetentionPeriod = desired.Int(K.BackupRetentionDays) },
                K.SecurityGroups => request with { SecurityGroupIds = desired.Set(K.SecurityGroups) },
                K.EngineVersion => request with
                {
                    EngineVersion = desired.Get(K.EngineVersion),
                    AllowMajorVersionUpgrade = EngineVersions.IsMajorUpgrade(desired.Get(K.EngineVersion), actual.Attributes.GetValueOrDefault(EngineVersionAttribute) ?? string.Empty) ? true : null,
                },
                _ => throw new InvalidOperationException($"{desired.LogicalId}: {change.Path} cannot be changed in place"),
            };
        }

        if (modify)
        {
            try
            {
                await rds.ModifyDbInstanceAsync(request, ct).ConfigureAwait(false);
            }
            catch (AwsCallException ex) when (ex.Error.Code == "InvalidDBInstanceState")
            {
                throw new NotReadyException($"RDS instance is {actual.Attributes.GetValueOrDefault("status") ?? "busy"}", TimeSpan.FromSeconds(30));
            }
        }

        var tags = TaggedResources.ChangedTags(desired.Tags, changes);
        if (tags.Count > 0)
        {
            await rds.AddTagsToResourceAsync(actual.Attributes["arn"], tags, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes with a final snapshot <c>&lt;identifier&gt;-final-&lt;yyyyMMddHHmmss&gt;</c>, never past deletion protection,
    /// and returns: with a final snapshot the instance is "deleting" until the snapshot is created, and DescribeDBInstances
    /// is how to follow it (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html); until
    /// then it still holds its subnet group and security groups. One look after the call says whether it is gone already (as
    /// on an emulator); if not, the deletion is reported as not ready and the next observation sees it deleting.
    /// </summary>
    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        if (actual.Get(K.DeletionProtection) == "true")
        {
            throw new InvalidOperationException($"{actual.LogicalId} ({actual.AwsId}) has deletion protection on: set deletionProtection: false in the spec and apply (an in-place change) before deleting it");
        }

        if (actual.Attributes.GetValueOrDefault("status") != "deleting")
        {
            try
            {
                await rds.DeleteDbInstanceAsync(new DeleteDbInstanceRequest(actual.AwsId, FinalSnapshotIdentifier(actual.AwsId, time.GetUtcNow())), ct).ConfigureAwait(false);
            }
            catch (AwsCallException ex) when (ex.Error.Code == "DBInstanceNotFound")
            {
                return;
            }
        }

        if (await Exists(actual.AwsId, ct).ConfigureAwait(false))
        {
            throw new NotReadyException(Readiness.NotReady($"RDS instance {actual.AwsId} is deleting", BusyRetry));
        }
    }

    public static string FinalSnapshotIdentifier(string identifier, DateTimeOffset now) =>
        $"{identifier}-final-{now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";

    private async Task<bool> Exists(string identifier, CancellationToken ct)
    {
        try
        {
            var found = await rds.DescribeDbInstancesAsync(identifier, ct).ConfigureAwait(false);
            return found.Any(i => i.Status != "deleted");
        }
        catch (AwsCallException ex) when (ex.Error.Code == "DBInstanceNotFound")
        {
            return false;
        }
    }

    private static bool Bool(ResolvedResource desired, string field) => desired.Get(field) == "true";
}
