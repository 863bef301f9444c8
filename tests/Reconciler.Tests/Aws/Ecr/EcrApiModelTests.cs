using Reconciler.Aws.Ecr;
using Reconciler.Tests.Aws.Http;

namespace Reconciler.Tests.Aws.Ecr;

/// <summary>Every ECR operation and member the thin client uses, against botocore's model.</summary>
public sealed class EcrApiModelTests
{
    private static readonly BotocoreModel Model = BotocoreModel.Load("ecr");

    public static TheoryData<string, Type, Type?> Operations => new()
    {
        { "CreateRepository", typeof(CreateRepositoryRequest), typeof(RepositoryResponse) },
        { "DescribeRepositories", typeof(DescribeRepositoriesRequest), typeof(DescribeRepositoriesResponse) },
        { "ListTagsForResource", typeof(ListTagsForResourceRequest), typeof(ListTagsForResourceResponse) },
        { "PutImageScanningConfiguration", typeof(PutImageScanningConfigurationRequest), null },
        { "PutImageTagMutability", typeof(PutImageTagMutabilityRequest), null },
        { "TagResource", typeof(TagResourceRequest), null },
        { "DeleteRepository", typeof(DeleteRepositoryRequest), typeof(RepositoryResponse) },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_Should_MatchBotocore_When_MembersAreSentAndRead(string operation, Type request, Type? response) =>
        JsonRecordShapes.AssertOperation(Model, operation, request, response);

    [Fact]
    public void Paths_Should_WalkNestedRecordsAndLists_When_ARequestHasThem()
    {
        var paths = JsonRecordShapes.Paths(typeof(CreateRepositoryRequest));

        Assert.Contains("imageScanningConfiguration.scanOnPush", paths);
        Assert.Contains("tags.Key", paths);
        Assert.Contains("tags.Value", paths);
    }

    [Fact]
    public void TagMutability_Should_BeAnEnumValue_When_TheSpecMapsIt()
    {
        var values = Model.Shape("ImageTagMutability").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList();

        Assert.Contains("MUTABLE", values);
        Assert.Contains("IMMUTABLE", values);
    }
}
