using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// A container's awslogs destination: the log group (a reference to the log-group's name until resolved) and the
/// stream prefix. Shown <c>group|prefix</c>, as before.
/// </summary>
internal sealed record ContainerLogs(string Group, string StreamPrefix) : GraphItem
{
    public override string Display => $"{Group}|{StreamPrefix}";

    public override GraphItem Resolve(Func<string, string?> resolve) => this with { Group = Sub(Group, resolve) };

    public override IEnumerable<string> ReferencedIds() => Refs(Group);
}
