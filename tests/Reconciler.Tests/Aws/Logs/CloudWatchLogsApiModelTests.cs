using Reconciler.Aws.Logs;
using Reconciler.Tests.Aws.Http;

namespace Reconciler.Tests.Aws.Logs;

/// <summary>Every CloudWatch Logs operation and member the thin client uses, against botocore's model.</summary>
public sealed class CloudWatchLogsApiModelTests
{
    private static readonly BotocoreModel Model = BotocoreModel.Load("logs");

    public static TheoryData<string, Type, Type?> Operations => new()
    {
        { "CreateLogGroup", typeof(CreateLogGroupRequest), null },
        { "DescribeLogGroups", typeof(DescribeLogGroupsRequest), typeof(DescribeLogGroupsResponse) },
        { "ListTagsForResource", typeof(ListTagsForResourceRequest), typeof(ListTagsForResourceResponse) },
        { "PutRetentionPolicy", typeof(PutRetentionPolicyRequest), null },
        { "DeleteRetentionPolicy", typeof(DeleteRetentionPolicyRequest), null },
        { "TagResource", typeof(TagResourceRequest), null },
        { "DeleteLogGroup", typeof(DeleteLogGroupRequest), null },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_Should_MatchBotocore_When_MembersAreSentAndRead(string operation, Type request, Type? response) =>
        JsonRecordShapes.AssertOperation(Model, operation, request, response);

    [Fact]
    public void Tags_Should_BeMaps_When_CreatingAndListing()
    {
        Assert.Equal("map", Model.Member("CreateLogGroup", input: true, "tags").GetProperty("type").GetString());
        Assert.Equal("map", Model.Member("ListTagsForResource", input: false, "tags").GetProperty("type").GetString());
        Assert.Equal("map", Model.Member("TagResource", input: true, "tags").GetProperty("type").GetString());
    }

    [Fact]
    public void DescribeLogGroups_Should_TakeAtMost50Identifiers_When_BatchingNames()
    {
        var list = Model.Member("DescribeLogGroups", input: true, "logGroupIdentifiers");

        Assert.Equal(50, list.GetProperty("max").GetInt32());
    }
}
