namespace Reconciler.Security;

/// <summary>An Allow statement of a generated policy: actions, resources, and the conditions that all must hold.</summary>
internal sealed record PolicyStatement(string Sid, SortedSet<string> Actions, SortedSet<string> Resources, IReadOnlyList<PolicyCondition> Conditions)
{
    public static PolicyStatement Of(string sid, IEnumerable<string> actions, IEnumerable<string> resources, params PolicyCondition[] conditions) =>
        new(sid, new SortedSet<string>(actions, StringComparer.Ordinal), new SortedSet<string>(resources, StringComparer.Ordinal), conditions);
}
