using Reconciler.Aws;
using Reconciler.Aws.Acm;

namespace Reconciler.Import;

/// <summary>Certificates, by ARN: ListTagsForCertificate, then AddTagsToCertificate, which leaves the other tags as they are (ACM API reference).</summary>
internal sealed class AcmTagger(IAcmApi acm) : IAdoptionTagger
{
    public async Task<TagState?> ReadAsync(string kind, string awsId, CancellationToken ct)
    {
        try
        {
            var tags = (await acm.ListTagsForCertificateAsync(new CertificateArnRequest(awsId), ct).ConfigureAwait(false)).Tags;
            return new TagState(awsId, TagMaps.Of(tags, t => t.Key, t => t.Value));
        }
        catch (AwsCallException ex) when (ex.Error.Code == "ResourceNotFoundException")
        {
            return null;
        }
    }

    public Task WriteAsync(string kind, TagState current, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        acm.AddTagsToCertificateAsync(new AddTagsToCertificateRequest(current.WriteId, [.. tags.Select(t => new AcmTag(t.Key, t.Value))]), ct);
}
