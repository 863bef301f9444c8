namespace Reconciler.Security;

/// <summary>One condition of a statement: operator, key and the values any of which matches.</summary>
internal sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values);
