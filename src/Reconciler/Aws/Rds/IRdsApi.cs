namespace Reconciler.Aws.Rds;

/// <summary>
/// The RDS operations the engine calls, named after the official SDK's <c>IAmazonRDS</c> so that a later swap to the
/// AWSSDK.RDS package is mechanical. Describe methods return every page.
/// </summary>
internal interface IRdsApi
{
    Task<IReadOnlyList<DbInstance>> DescribeDbInstancesAsync(string? identifier, CancellationToken ct);

    Task<DbInstance> CreateDbInstanceAsync(CreateDbInstanceRequest request, CancellationToken ct);

    Task<DbInstance> ModifyDbInstanceAsync(ModifyDbInstanceRequest request, CancellationToken ct);

    Task<DbInstance> DeleteDbInstanceAsync(DeleteDbInstanceRequest request, CancellationToken ct);

    Task<IReadOnlyList<DbSubnetGroup>> DescribeDbSubnetGroupsAsync(CancellationToken ct);

    Task<DbSubnetGroup> CreateDbSubnetGroupAsync(CreateDbSubnetGroupRequest request, CancellationToken ct);

    Task<DbSubnetGroup> ModifyDbSubnetGroupAsync(string name, IReadOnlyCollection<string> subnetIds, CancellationToken ct);

    Task DeleteDbSubnetGroupAsync(string name, CancellationToken ct);

    Task AddTagsToResourceAsync(string arn, IReadOnlyDictionary<string, string> tags, CancellationToken ct);

    Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string arn, CancellationToken ct);
}
