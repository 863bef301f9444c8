using Reconciler.Aws.Http;

namespace Reconciler.Aws.Logs;

/// <summary>CloudWatch Logs over AWS JSON 1.1 (camelCase members; tags are a map).</summary>
internal sealed class CloudWatchLogsApi(JsonProtocolClient client) : ICloudWatchLogsApi
{
    public Task CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken ct) =>
        client.CallAsync<CreateLogGroupRequest, object>("CreateLogGroup", request, CallPurpose.Mutate, ct);

    public Task<IReadOnlyList<LogGroup>> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken ct) =>
        client.AllAsync<DescribeLogGroupsRequest, DescribeLogGroupsResponse, LogGroup>(
            "DescribeLogGroups", request, r => r.LogGroups, r => r.NextToken, (q, token) => q with { NextToken = token }, ct);

    public async Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(ListTagsForResourceRequest request, CancellationToken ct) =>
        (await client.CallAsync<ListTagsForResourceRequest, ListTagsForResourceResponse>("ListTagsForResource", request, CallPurpose.Read, ct).ConfigureAwait(false)).Tags
        ?? new Dictionary<string, string>();

    public Task PutRetentionPolicyAsync(PutRetentionPolicyRequest request, CancellationToken ct) =>
        client.CallAsync<PutRetentionPolicyRequest, object>("PutRetentionPolicy", request, CallPurpose.Mutate, ct);

    public Task DeleteRetentionPolicyAsync(DeleteRetentionPolicyRequest request, CancellationToken ct) =>
        client.CallAsync<DeleteRetentionPolicyRequest, object>("DeleteRetentionPolicy", request, CallPurpose.Mutate, ct);

    public Task TagResourceAsync(TagResourceRequest request, CancellationToken ct) =>
        client.CallAsync<TagResourceRequest, object>("TagResource", request, CallPurpose.Mutate, ct);

    public Task DeleteLogGroupAsync(DeleteLogGroupRequest request, CancellationToken ct) =>
        client.CallAsync<DeleteLogGroupRequest, object>("DeleteLogGroup", request, CallPurpose.Delete, ct);
}
