using Reconciler.Aws.Logs;

namespace Reconciler.Import;

/// <summary>
/// Log groups (AWS id: the name), tagged by ARN with TagResource ("If you specify a new tag key ..., this tag is appended
/// to the list of tags": https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html).
/// </summary>
internal sealed class LogsTagger(ICloudWatchLogsApi logs) : IAdoptionTagger
{
    public async Task<TagState?> ReadAsync(string kind, string awsId, CancellationToken ct)
    {
        var group = (await logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest(LogGroupNamePrefix: awsId), ct).ConfigureAwait(false))
            .FirstOrDefault(g => g.LogGroupName == awsId);
        return group?.LogGroupArn is not { } arn ? null : new TagState(arn, await logs.ListTagsForResourceAsync(new ListTagsForResourceRequest(arn), ct).ConfigureAwait(false));
    }

    public Task WriteAsync(string kind, TagState current, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        logs.TagResourceAsync(new TagResourceRequest(current.WriteId, tags), ct);
}
