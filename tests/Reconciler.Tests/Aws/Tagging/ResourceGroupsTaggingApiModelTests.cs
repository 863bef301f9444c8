using Reconciler.Aws.Tagging;
using Reconciler.Tests.Aws.Http;

namespace Reconciler.Tests.Aws.Tagging;

/// <summary>GetResources, as the thin client sends and reads it, against botocore's model.</summary>
public sealed class ResourceGroupsTaggingApiModelTests
{
    private static readonly BotocoreModel Model = BotocoreModel.Load("resourcegroupstaggingapi");

    [Fact]
    public void GetResources_Should_MatchBotocore_When_MembersAreSentAndRead()
    {
        JsonRecordShapes.AssertMatches(Model, "GetResources", input: true, typeof(GetResourcesRequest));
        JsonRecordShapes.AssertMatches(Model, "GetResources", input: false, typeof(GetResourcesResponse));
    }
}
