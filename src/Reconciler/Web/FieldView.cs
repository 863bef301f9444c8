namespace Reconciler.Web;

/// <summary>One field of a node: what the spec says, what AWS has (null: absent or not observed), and whether they differ.</summary>
internal sealed record FieldView(string Path, string? Desired, string? Actual, bool Drifted);
