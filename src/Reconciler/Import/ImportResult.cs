namespace Reconciler.Import;

/// <summary>
/// What discovery produced: the entries kept for the spec, what was left out and why, and the AWS resources an
/// adoption would tag (the targets of the kept entries).
/// </summary>
internal sealed record ImportResult(
    ImportOptions Options,
    IReadOnlyList<ImportedEntry> Entries,
    IReadOnlyList<LeftOut> LeftOut,
    (string Id, string Name)? Zone)
{
    public IReadOnlyList<AdoptionTarget> Targets { get; } = [.. Entries.SelectMany(e => e.Targets)];
}
