namespace Reconciler.Aws.Logs;

/// <summary>The CloudWatch Logs operations we call (named after the SDK's <c>IAmazonCloudWatchLogs</c>).</summary>
internal interface ICloudWatchLogsApi
{
    Task CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken ct);

    /// <summary>Every page of DescribeLogGroups.</summary>
    Task<IReadOnlyList<LogGroup>> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken ct);

    Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(ListTagsForResourceRequest request, CancellationToken ct);

    Task PutRetentionPolicyAsync(PutRetentionPolicyRequest request, CancellationToken ct);

    Task DeleteRetentionPolicyAsync(DeleteRetentionPolicyRequest request, CancellationToken ct);

    Task TagResourceAsync(TagResourceRequest request, CancellationToken ct);

    Task DeleteLogGroupAsync(DeleteLogGroupRequest request, CancellationToken ct);
}
