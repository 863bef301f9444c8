namespace Reconciler.Aws.Tagging;

/// <summary>The Resource Groups Tagging API operations we call (named after the SDK's <c>IAmazonResourceGroupsTaggingAPI</c>).</summary>
internal interface IResourceGroupsTaggingApi
{
    /// <summary>Every page of GetResources: the resources carrying the filtered tags, with all their tags.</summary>
    Task<IReadOnlyList<ResourceTagMapping>> GetResourcesAsync(GetResourcesRequest request, CancellationToken ct);
}
