using System.Globalization;
using System.Xml.Linq;
using Reconciler.Aws.Http;

namespace Reconciler.Aws.Rds;

/// <summary>
/// RDS over the Query protocol. Lists are flattened with the member names of RDS's model (checked against botocore in
/// the tests): <c>VpcSecurityGroupIds.VpcSecurityGroupId.N</c>, <c>SubnetIds.SubnetIdentifier.N</c>, <c>Tags.Tag.N</c>.
/// </summary>
internal sealed class RdsApi(QueryProtocolClient client) : IRdsApi
{
    public const string SecurityGroupMember = "VpcSecurityGroupId";
    public const string SubnetMember = "SubnetIdentifier";
    public const string TagMember = "Tag";

    public Task<IReadOnlyList<DbInstance>> DescribeDbInstancesAsync(string? identifier, CancellationToken ct) =>
        PagesAsync("DescribeDBInstances", new QueryParams().Add("DBInstanceIdentifier", identifier), "DBInstances", ParseInstance, ct);

    public async Task<DbInstance> CreateDbInstanceAsync(CreateDbInstanceRequest request, CancellationToken ct)
    {
        var result = await client.CallAsync("CreateDBInstance", CreateParams(request), CallPurpose.Mutate, ct).ConfigureAwait(false);
        return ParseInstance(result.Element("DBInstance")!);
    }

    public async Task<DbInstance> ModifyDbInstanceAsync(ModifyDbInstanceRequest request, CancellationToken ct)
    {
        var result = await client.CallAsync("ModifyDBInstance", ModifyParams(request), CallPurpose.Mutate, ct).ConfigureAwait(false);
        return ParseInstance(result.Element("DBInstance")!);
    }

    public async Task<DbInstance> DeleteDbInstanceAsync(DeleteDbInstanceRequest request, CancellationToken ct)
    {
        var result = await client.CallAsync("DeleteDBInstance", DeleteParams(request), CallPurpose.Delete, ct).ConfigureAwait(false);
        return ParseInstance(result.Element("DBInstance")!);
    }

    public Task<IReadOnlyList<DbSubnetGroup>> DescribeDbSubnetGroupsAsync(CancellationToken ct) =>
        PagesAsync("DescribeDBSubnetGroups", new QueryParams(), "DBSubnetGroups", ParseSubnetGroup, ct);

    /// <summary>Every page of a Describe call, following <c>Marker</c>.</summary>
    private async Task<IReadOnlyList<T>> PagesAsync<T>(string operation, QueryParams first, string list, Func<XElement, T> parse, CancellationToken ct)
    {
        var result = new List<T>();
        string? marker = null;
        do
        {
            var parameters = new QueryParams();
            foreach (var (key, value) in first.Values)
            {
                parameters.Add(key, value);
            }

            var page = await client.CallAsync(operation, parameters.Add("Marker", marker), CallPurpose.Read, ct).ConfigureAwait(false);
            result.AddRange(page.Items(list).Select(parse));
            marker = page.Text("Marker");
        }
        while (!string.IsNullOrEmpty(marker));

        return result;
    }

    public async Task<DbSubnetGroup> CreateDbSubnetGroupAsync(CreateDbSubnetGroupRequest request, CancellationToken ct)
    {
        var result = await client.CallAsync("CreateDBSubnetGroup", CreateSubnetGroupParams(request), CallPurpose.Mutate, ct).ConfigureAwait(false);
        return ParseSubnetGroup(result.Element("DBSubnetGroup")!);
    }

    public async Task<DbSubnetGroup> ModifyDbSubnetGroupAsync(string name, IReadOnlyCollection<string> subnetIds, CancellationToken ct)
    {
        var result = await client.CallAsync("ModifyDBSubnetGroup", ModifySubnetGroupParams(name, subnetIds), CallPurpose.Mutate, ct).ConfigureAwait(false);
        return ParseSubnetGroup(result.Element("DBSubnetGroup")!);
    }

    public Task DeleteDbSubnetGroupAsync(string name, CancellationToken ct) =>
        client.CallAsync("DeleteDBSubnetGroup", new QueryParams().Add("DBSubnetGroupName", name), CallPurpose.Delete, ct);

    public Task AddTagsToResourceAsync(string arn, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        client.CallAsync("AddTagsToResource", new QueryParams().Add("ResourceName", arn).Tags(tags, member: TagMember), CallPurpose.Mutate, ct);

    public async Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string arn, CancellationToken ct)
    {
        var result = await client.CallAsync("ListTagsForResource", new QueryParams().Add("ResourceName", arn), CallPurpose.Read, ct).ConfigureAwait(false);
        return ParseTags(result, "TagList");
    }

    public static QueryParams CreateParams(CreateDbInstanceRequest r) => new QueryParams()
        .Add("DBInstanceIdentifier", r.Identifier)
        .Add("DBInstanceClass", r.InstanceClass)
        .Add("Engine", r.Engine)
        .Add("EngineVersion", r.EngineVersion)
        .Add("AllocatedStorage", r.AllocatedStorage)
        .Add("DBName", r.DatabaseName)
        .Add("MasterUsername", r.MasterUsername)
        .Add("ManageMasterUserPassword", true)
        .Add("DBSubnetGroupName", r.SubnetGroupName)
        .List("VpcSecurityGroupIds", r.SecurityGroupIds, SecurityGroupMember)
        .Add("MultiAZ", r.MultiAz)
        .Add("DeletionProtection", r.DeletionProtection)
        .Add("PubliclyAccessible", r.PubliclyAccessible)
        .Add("BackupRetentionPeriod", r.BackupRetentionPeriod)
        .Add("StorageEncrypted", r.StorageEncrypted)
        .Add("CopyTagsToSnapshot", true)
        .Tags(r.Tags, member: TagMember);

    public static QueryParams ModifyParams(ModifyDbInstanceRequest r) => new QueryParams()
        .Add("DBInstanceIdentifier", r.Identifier)
        .Add("DBInstanceClass", r.InstanceClass)
        .Add("AllocatedStorage", r.AllocatedStorage)
        .Add("MultiAZ", r.MultiAz)
        .Add("DeletionProtection", r.DeletionProtection)
        .Add("PubliclyAccessible", r.PubliclyAccessible)
        .Add("BackupRetentionPeriod", r.BackupRetentionPeriod)
        .List("VpcSecurityGroupIds", r.SecurityGroupIds, SecurityGroupMember)
        .Add("EngineVersion", r.EngineVersion)
        .Add("AllowMajorVersionUpgrade", r.AllowMajorVersionUpgrade)
        .Add("ApplyImmediately", true);

    public static QueryParams DeleteParams(DeleteDbInstanceRequest r) => new QueryParams()
        .Add("DBInstanceIdentifier", r.Identifier)
        .Add("SkipFinalSnapshot", false)
        .Add("FinalDBSnapshotIdentifier", r.FinalSnapshotIdentifier);

    public static QueryParams CreateSubnetGroupParams(CreateDbSubnetGroupRequest r) => new QueryParams()
        .Add("DBSubnetGroupName", r.Name)
        .Add("DBSubnetGroupDescription", r.Description)
        .List("SubnetIds", r.SubnetIds, SubnetMember)
        .Tags(r.Tags, member: TagMember);

    public static QueryParams ModifySubnetGroupParams(string name, IReadOnlyCollection<string> subnetIds) => new QueryParams()
        .Add("DBSubnetGroupName", name)
        .List("SubnetIds", subnetIds, SubnetMember);

    private static DbInstance ParseInstance(XElement e) => new(
        e.Text("DBInstanceIdentifier") ?? string.Empty,
        e.Text("DBInstanceArn") ?? string.Empty,
        e.Text("DBInstanceStatus") ?? string.Empty,
        e.Text("Engine") ?? string.Empty,
        e.Text("EngineVersion") ?? string.Empty,
        e.Text("DBInstanceClass") ?? string.Empty,
        Int(e.Text("AllocatedStorage")) ?? 0,
        e.Text("DBName"),
        e.Text("MasterUsername") ?? string.Empty,
        e.Element("DBSubnetGroup")?.Text("DBSubnetGroupName"),
        e.Items("VpcSecurityGroups").Select(g => g.Text("VpcSecurityGroupId")).OfType<string>().ToList(),
        Bool(e.Text("MultiAZ")),
        Bool(e.Text("DeletionProtection")),
        Bool(e.Text("PubliclyAccessible")),
        Int(e.Text("BackupRetentionPeriod")) ?? 0,
        Bool(e.Text("StorageEncrypted")),
        e.Element("Endpoint")?.Text("Address"),
        Int(e.Element("Endpoint")?.Text("Port")),
        e.Element("MasterUserSecret")?.Text("SecretArn"),
        ParseTags(e, "TagList"));

    private static DbSubnetGroup ParseSubnetGroup(XElement e) => new(
        e.Text("DBSubnetGroupName") ?? string.Empty,
        e.Text("DBSubnetGroupArn") ?? string.Empty,
        e.Text("DBSubnetGroupDescription") ?? string.Empty,
        e.Text("VpcId"),
        e.Items("Subnets").Select(s => s.Text("SubnetIdentifier")).OfType<string>().ToList());

    private static Dictionary<string, string> ParseTags(XElement e, string name) =>
        e.Items(name)
            .Select(t => (Key: t.Text("Key"), Value: t.Text("Value") ?? string.Empty))
            .Where(t => t.Key is not null)
            .GroupBy(t => t.Key!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    private static bool Bool(string? text) => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);

    private static int? Int(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
