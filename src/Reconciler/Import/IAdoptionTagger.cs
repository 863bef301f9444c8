namespace Reconciler.Import;

/// <summary>
/// The tag read and the tag write of one AWS service, for the kinds it serves. Adoption is per service, not per kind:
/// the 8 EC2 kinds share CreateTags, the 3 ELBv2 kinds AddTags, the 3 ECS kinds TagResource, so a table of 9 taggers in
/// Import/ says it once each, and the providers (whose job is observe/create/update/delete) stay as they are.
/// </summary>
internal interface IAdoptionTagger
{
    /// <summary>The current tags of <paramref name="awsId"/> (the kind's AWS id as its provider reports it); null when it does not exist.</summary>
    Task<TagState?> ReadAsync(string kind, string awsId, CancellationToken ct);

    /// <summary>Adds <paramref name="tags"/> to the resource and keeps every other tag it has.</summary>
    Task WriteAsync(string kind, TagState current, IReadOnlyDictionary<string, string> tags, CancellationToken ct);
}
