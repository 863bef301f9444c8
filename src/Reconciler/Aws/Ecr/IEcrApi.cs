namespace Reconciler.Aws.Ecr;

/// <summary>The ECR operations we call (named after the SDK's <c>IAmazonECR</c>).</summary>
internal interface IEcrApi
{
    Task<Repository> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken ct);

    /// <summary>Every page of DescribeRepositories.</summary>
    Task<IReadOnlyList<Repository>> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken ct);

    Task<IReadOnlyList<Tag>> ListTagsForResourceAsync(ListTagsForResourceRequest request, CancellationToken ct);

    Task PutImageScanningConfigurationAsync(PutImageScanningConfigurationRequest request, CancellationToken ct);

    Task PutImageTagMutabilityAsync(PutImageTagMutabilityRequest request, CancellationToken ct);

    Task TagResourceAsync(TagResourceRequest request, CancellationToken ct);

    Task DeleteRepositoryAsync(DeleteRepositoryRequest request, CancellationToken ct);
}
