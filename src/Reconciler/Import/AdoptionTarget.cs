namespace Reconciler.Import;

/// <summary>
/// One resource that <c>reconciler import</c> found and would hand over to an environment: <see cref="LogicalId"/> is
/// <c>kind/name</c> as the generated spec's graph names it, <see cref="AwsId"/> what that kind's provider uses as the
/// AWS id (an id, a name or an ARN, as its observation reports it). <see cref="ProviderTags"/> are the bookkeeping tags
/// the kind's provider reads back as a field AWS does not describe (an instance's user data), written with the
/// ownership tags so the first plan sees the resource as it is.
/// </summary>
internal sealed record AdoptionTarget(string LogicalId, string AwsId)
{
    public IReadOnlyDictionary<string, string> ProviderTags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
