using Reconciler.Providers.Ec2;

namespace Reconciler.Import;

/// <summary>
/// The EC2 kinds (VPC, subnet, gateways, Elastic IP, route table, security group, instance): DescribeTags filtered by
/// resource id, then CreateTags, which "adds or overwrites only the specified tags"
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTags.html).
/// </summary>
internal sealed class Ec2Tagger(Ec2Support ec2) : IAdoptionTagger
{
    public async Task<TagState?> ReadAsync(string kind, string awsId, CancellationToken ct) =>
        new TagState(awsId, await ec2.TagsOf(awsId, ct).ConfigureAwait(false));

    public Task WriteAsync(string kind, TagState current, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        ec2.AddTags(current.WriteId, tags, ct);
}
