namespace Reconciler.Import;

/// <summary>
/// One entry of the generated spec (a security group, a load balancer with its listeners and target groups...):
/// its section, its logical name, its fields in the order they are written, what it needs from other entries
/// (<c>section/name</c>), the extra keys it answers to (a load balancer's target groups), the AWS resources it takes
/// over and a note for people.
/// </summary>
internal sealed record ImportedEntry(
    string Section,
    string Name,
    string AwsId,
    IReadOnlyList<ImportedField> Fields,
    IReadOnlyList<string> Requires,
    IReadOnlyList<AdoptionTarget> Targets)
{
    public IReadOnlyList<string> Provides { get; init; } = [];

    public string Key => $"{Section}/{Name}";
}
