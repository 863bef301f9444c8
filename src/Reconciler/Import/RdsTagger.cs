using Reconciler.Aws;
using Reconciler.Aws.Rds;
using Reconciler.Model.Graph;

namespace Reconciler.Import;

/// <summary>
/// DB instances (AWS id: the identifier) and DB subnet groups (AWS id: the name), tagged by ARN with AddTagsToResource,
/// which adds or overwrites only the tags it names (RDS API reference, AddTagsToResource). DescribeDBInstances answers
/// an instance's TagList; a subnet group's tags need ListTagsForResource.
/// </summary>
internal sealed class RdsTagger(IRdsApi rds) : IAdoptionTagger
{
    public async Task<TagState?> ReadAsync(string kind, string awsId, CancellationToken ct)
    {
        if (kind == ResourceKinds.DbInstance.Name)
        {
            try
            {
                var instance = (await rds.DescribeDbInstancesAsync(awsId, ct).ConfigureAwait(false)).FirstOrDefault();
                return instance is null ? null : new TagState(instance.Arn, instance.Tags);
            }
            catch (AwsCallException ex) when (ex.Error.Code == "DBInstanceNotFound")
            {
                return null;
            }
        }

        // RDS keeps subnet group names in lower case.
        var group = (await rds.DescribeDbSubnetGroupsAsync(ct).ConfigureAwait(false)).FirstOrDefault(g => string.Equals(g.Name, awsId, StringComparison.OrdinalIgnoreCase));
        return group is null ? null : new TagState(group.Arn, await rds.ListTagsForResourceAsync(group.Arn, ct).ConfigureAwait(false));
    }

    public Task WriteAsync(string kind, TagState current, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        rds.AddTagsToResourceAsync(current.WriteId, tags, ct);
}
