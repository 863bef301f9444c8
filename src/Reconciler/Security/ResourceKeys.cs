namespace Reconciler.Security;

/// <summary>
/// One resource type of an action's row in the AWS Service Authorization Reference: its name (without the "*" that
/// marks it required), whether it is required, and the condition keys the row lists for it.
/// </summary>
internal sealed record ResourceKeys(string Type, bool Required, IReadOnlyList<string> Keys);
