using Reconciler.Aws.Elbv2;

namespace Reconciler.Import;

/// <summary>
/// Load balancers, target groups and listeners, by ARN: DescribeTags, then AddTags ("If a resource already has a tag with
/// the same key, AddTags updates its value"; other tags stay: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_AddTags.html).
/// </summary>
internal sealed class Elbv2Tagger(IElasticLoadBalancingV2Api elb) : IAdoptionTagger
{
    public async Task<TagState?> ReadAsync(string kind, string awsId, CancellationToken ct) =>
        (await elb.DescribeTagsAsync([awsId], ct).ConfigureAwait(false)).TryGetValue(awsId, out var tags) ? new TagState(awsId, tags) : null;

    public Task WriteAsync(string kind, TagState current, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        elb.AddTagsAsync(current.WriteId, tags, ct);
}
