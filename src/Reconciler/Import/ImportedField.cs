namespace Reconciler.Import;

/// <summary>
/// One key of a generated spec entry. <see cref="Value"/> is a string, an int, a bool, a list of values or a list of
/// <see cref="ImportedField"/> (a mapping); <see cref="Comment"/>, when set, is written after it as <c># ...</c>.
/// </summary>
internal sealed record ImportedField(string Key, object Value, string? Comment = null);
