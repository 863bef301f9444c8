using Amazon.EC2.Model;
using Reconciler.Providers.Ec2;

namespace Reconciler.Import;

/// <summary>
/// The EC2 kinds (VPC, subnet, gateways, Elastic IP, route table, security group, instance): DescribeTags filtered by
/// resource id, then CreateTags, which "adds or overwrites only the specified tags" (EC2 API reference, CreateTags).
/// </summary>
internal sealed class Ec2Tagger(Ec2Support ec2) : IAdoptionTagger
{
    public async Task<TagState?> ReadAsync(string kind, string awsId, CancellationToken ct)
    {
        var tags = await ec2.Pages("DescribeTags",
            (token, c) => ec2.Client.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("resource-id", [awsId])], NextToken = token }, c),
            r => r.Tags, r => r.NextToken, ct).ConfigureAwait(false);
        return new TagState(awsId, TagMaps.Of(tags, t => t.Key, t => t.Value));
    }

    public Task WriteAsync(string kind, TagState current, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        ec2.Mutate("CreateTags", c => ec2.Client.CreateTagsAsync(new CreateTagsRequest { Resources = [current.WriteId], Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))] }, c), ct);
}
