using System.Collections.Immutable;
using System.Text.Json;
using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// A command as a list of arguments, compared element by element in order (any argument is exact: no quoting, no
/// parsing). Shown as the JSON array it was before, e.g. <c>["python","manage.py","migrate"]</c>.
/// </summary>
internal sealed record ContainerCommand : GraphItem
{
    public ContainerCommand(IEnumerable<string> arguments) => Arguments = [.. arguments];

    public ImmutableArray<string> Arguments { get; }

    public override string Display => JsonSerializer.Serialize(Arguments);

    /// <summary>The arguments joined by spaces, for messages.</summary>
    public string Text => string.Join(' ', Arguments);

    public override GraphItem Resolve(Func<string, string?> resolve) => this;

    public override IEnumerable<string> ReferencedIds() => [];

    public bool Equals(ContainerCommand? other) => other is not null && Arguments.SequenceEqual(other.Arguments, StringComparer.Ordinal);

    public override int GetHashCode() => Arguments.Aggregate(17, (h, a) => (h * 31) + a.GetHashCode(StringComparison.Ordinal));
}
