namespace Reconciler.Model.Planning;

/// <summary>
/// One field whose live value differs from the desired one. Null means absent. For set fields,
/// <see cref="Added"/> and <see cref="Removed"/> list the elements to add and to remove.
/// </summary>
internal sealed record FieldChange(
    string Path,
    string? Desired,
    string? Actual,
    bool ForcesReplacement,
    IReadOnlyList<string>? Added = null,
    IReadOnlyList<string>? Removed = null)
{
    public override string ToString() => $"{Path}: {Actual ?? "(none)"} -> {Desired ?? "(none)"}{(ForcesReplacement ? " (forces replacement)" : string.Empty)}";
}
