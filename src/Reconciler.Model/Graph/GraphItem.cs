namespace Reconciler.Model.Graph;

/// <summary>
/// A compound value in the graph (a route, a security group rule, a listener action, a port mapping), as a record
/// with typed fields instead of an encoded string: the expansion builds it, the provider reads its fields, and the
/// provider's observation builds the same record from AWS so that record equality is the diff. String fields may
/// hold references (<c>${kind/name}</c>); <see cref="Resolve"/> replaces them. <see cref="Display"/> is for plans,
/// logs and a stable order, never parsed back.
/// </summary>
internal abstract record GraphItem : IComparable<GraphItem>
{
    public abstract string Display { get; }

    /// <summary>A copy with every reference in its string fields replaced through <paramref name="resolve"/>.</summary>
    public abstract GraphItem Resolve(Func<string, string?> resolve);

    /// <summary>The logical ids its fields refer to: the resource depends on them.</summary>
    public abstract IEnumerable<string> ReferencedIds();

    /// <summary>Whether any of its fields holds a reference: one that holds none resolves to itself.</summary>
    public bool HasReferences => ReferencedIds().Any();

    /// <summary>Whether a reference in it is still unknown (its resource does not exist yet).</summary>
    public bool IsUnresolved => Display.Contains(References.Unknown, StringComparison.Ordinal);

    public int CompareTo(GraphItem? other) => string.CompareOrdinal(Display, other?.Display);

    /// <summary>Resolves one string field: for the <see cref="Resolve"/> overrides.</summary>
    protected static string Sub(string text, Func<string, string?> resolve) => References.Substitute(text, resolve);

    /// <summary>Resolves an optional string field.</summary>
    protected static string? SubOrNull(string? text, Func<string, string?> resolve) => text is null ? null : References.Substitute(text, resolve);

    /// <summary>The references in the given string fields: for the <see cref="ReferencedIds"/> overrides.</summary>
    protected static IEnumerable<string> Refs(params string?[] fields) => fields.OfType<string>().SelectMany(References.Find);
}
