using System.Text.RegularExpressions;
using Reconciler.Aws.Http;
using Reconciler.Aws.Rds;
using Reconciler.Tests.Aws.Http;

namespace Reconciler.Tests.Aws.Rds;

/// <summary>Every RDS operation the thin client calls, and every member it sends or reads, checked against botocore's model.</summary>
public sealed partial class RdsApiModelTests
{
    private static readonly BotocoreModel Model = BotocoreModel.Load("rds");

    private static readonly Dictionary<string, string> Tags = new() { ["reconciler:environment"] = "e", ["project"] = "demo" };

    /// <summary>Each flattened key names a real member; list keys use the model's member name (Tags.Tag.1.Key).</summary>
    private static void AssertParams(string operation, QueryParams parameters)
    {
        Model.Operation(operation);
        Assert.NotEmpty(parameters.Values);
        foreach (var key in parameters.Values.Select(v => v.Key).Distinct())
        {
            var list = ListKey().Match(key);
            if (list.Success)
            {
                var member = list.Groups["list"].Value;
                Assert.Equal(Model.ListMemberName(operation, member), list.Groups["member"].Value);
                Model.AssertInput(operation, list.Groups["field"].Success ? $"{member}.member.{list.Groups["field"].Value}" : member);
            }
            else
            {
                Model.AssertInput(operation, key);
            }
        }
    }

    [GeneratedRegex(@"^(?<list>\w+)\.(?<member>\w+)\.\d+(\.(?<field>\w+))?$")]
    private static partial Regex ListKey();

    [Fact]
    public void CreateDbInstance_Should_MatchTheModel_When_EveryMemberIsSet()
    {
        var request = new CreateDbInstanceRequest("e-db", "db.t3.micro", "postgres", "16", 20, "app", "app", "e-db", ["sg-1", "sg-2"], false, true, false, 7, true, Tags);

        var parameters = RdsApi.CreateParams(request);

        AssertParams("CreateDBInstance", parameters);
        Assert.Contains(parameters.Values, v => v.Key == "VpcSecurityGroupIds.VpcSecurityGroupId.2" && v.Value == "sg-2");
        Assert.Contains(parameters.Values, v => v.Key == "Tags.Tag.1.Key");
        Assert.Contains(parameters.Values, v => v.Key == "ManageMasterUserPassword" && v.Value == "true");
        Assert.DoesNotContain(parameters.Values, v => v.Key.Contains("Password", StringComparison.Ordinal) && v.Key != "ManageMasterUserPassword");
        Model.AssertOutput("CreateDBInstance", "DBInstance");
    }

    [Fact]
    public void ModifyDbInstance_Should_MatchTheModel_When_EveryMemberIsSet()
    {
        var request = new ModifyDbInstanceRequest("e-db")
        {
            InstanceClass = "db.t3.small", AllocatedStorage = 30, MultiAz = true, DeletionProtection = false, PubliclyAccessible = false,
            BackupRetentionPeriod = 3, SecurityGroupIds = ["sg-1"], EngineVersion = "17", AllowMajorVersionUpgrade = true,
        };

        var parameters = RdsApi.ModifyParams(request);

        AssertParams("ModifyDBInstance", parameters);
        Assert.Contains(parameters.Values, v => v.Key == "ApplyImmediately" && v.Value == "true");
        Model.AssertOutput("ModifyDBInstance", "DBInstance");
    }

    [Fact]
    public void DeleteDbInstance_Should_MatchTheModel_When_AFinalSnapshotIsTaken()
    {
        var parameters = RdsApi.DeleteParams(new DeleteDbInstanceRequest("e-db", "e-db-final-20250101000000"));

        AssertParams("DeleteDBInstance", parameters);
        Assert.Contains(parameters.Values, v => v.Key == "SkipFinalSnapshot" && v.Value == "false");
        Model.AssertOutput("DeleteDBInstance", "DBInstance");
    }

    [Fact]
    public void DescribeDbInstances_Should_MatchTheModel_When_ReadingEveryFieldWeUse()
    {
        Model.AssertInput("DescribeDBInstances", "DBInstanceIdentifier", "Marker");
        Model.AssertOutput("DescribeDBInstances", "Marker",
            "DBInstances.member.DBInstanceIdentifier", "DBInstances.member.DBInstanceArn", "DBInstances.member.DBInstanceStatus",
            "DBInstances.member.Engine", "DBInstances.member.EngineVersion", "DBInstances.member.DBInstanceClass",
            "DBInstances.member.AllocatedStorage", "DBInstances.member.DBName", "DBInstances.member.MasterUsername",
            "DBInstances.member.DBSubnetGroup.DBSubnetGroupName", "DBInstances.member.VpcSecurityGroups.member.VpcSecurityGroupId",
            "DBInstances.member.MultiAZ", "DBInstances.member.DeletionProtection", "DBInstances.member.PubliclyAccessible",
            "DBInstances.member.BackupRetentionPeriod", "DBInstances.member.StorageEncrypted", "DBInstances.member.Endpoint.Address",
            "DBInstances.member.Endpoint.Port", "DBInstances.member.MasterUserSecret.SecretArn",
            "DBInstances.member.TagList.member.Key", "DBInstances.member.TagList.member.Value");
    }

    [Fact]
    public void SubnetGroupOperations_Should_MatchTheModel_When_CreatingModifyingAndDeleting()
    {
        AssertParams("CreateDBSubnetGroup", RdsApi.CreateSubnetGroupParams(new CreateDbSubnetGroupRequest("e-db", "d", ["subnet-1", "subnet-2"], Tags)));
        AssertParams("ModifyDBSubnetGroup", RdsApi.ModifySubnetGroupParams("e-db", ["subnet-1"]));
        Model.AssertInput("DeleteDBSubnetGroup", "DBSubnetGroupName");
        Model.AssertInput("DescribeDBSubnetGroups", "Marker");
        foreach (var (operation, prefix) in new[] { ("CreateDBSubnetGroup", "DBSubnetGroup"), ("ModifyDBSubnetGroup", "DBSubnetGroup"), ("DescribeDBSubnetGroups", "DBSubnetGroups.member") })
        {
            Model.AssertOutput(operation, $"{prefix}.DBSubnetGroupName", $"{prefix}.DBSubnetGroupArn", $"{prefix}.DBSubnetGroupDescription",
                $"{prefix}.VpcId", $"{prefix}.Subnets.member.SubnetIdentifier");
        }

        Model.AssertOutput("DescribeDBSubnetGroups", "Marker");
    }

    [Fact]
    public void TagOperations_Should_MatchTheModel_When_AddingAndListing()
    {
        AssertParams("AddTagsToResource", new QueryParams().Add("ResourceName", "arn").Tags(Tags, member: RdsApi.TagMember));
        Assert.Equal(RdsApi.TagMember, Model.ListMemberName("AddTagsToResource", "Tags"));
        Model.AssertInput("ListTagsForResource", "ResourceName");
        Model.AssertOutput("ListTagsForResource", "TagList.member.Key", "TagList.member.Value");
    }

    [Fact]
    public void Service_Should_UseTheModelsProtocolAndVersion_When_CallingRds()
    {
        Assert.Equal("query", Model.Metadata.GetProperty("protocol").GetString());
        Assert.Equal(AwsServices.Rds.ApiVersion, Model.Metadata.GetProperty("apiVersion").GetString());
    }
}
