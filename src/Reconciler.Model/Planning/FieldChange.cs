namespace Reconciler.Model.Planning;

/// <summary>One field whose live value differs from the desired one. Null means absent.</summary>
internal sealed record FieldChange(string Path, string? Desired, string? Actual, bool ForcesReplacement)
{
    public override string ToString() => $"{Path}: {Actual ?? "(none)"} -> {Desired ?? "(none)"}{(ForcesReplacement ? " (forces replacement)" : string.Empty)}";
}
